# expect: it keeps addresses for less than five minutes
"""ttl_dns_cache=5, read as minutes: it is five seconds."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[nameserver]), ttl_dns_cache=5)
    return aiohttp.ClientSession(connector=connector)
