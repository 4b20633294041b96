# expect: the value is in seconds, not milliseconds
"""Five minutes in milliseconds: ttl_dns_cache takes seconds, so this is more than three days."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[nameserver]), ttl_dns_cache=5 * 60 * 1000)
    return aiohttp.ClientSession(connector=connector)
