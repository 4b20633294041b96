# expect: made 4 lookups
"""ttl_dns_cache is set, but use_dns_cache=False turns the cache off: every new connection looks the name up."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(
        resolver=AsyncResolver(nameservers=[nameserver]), use_dns_cache=False, ttl_dns_cache=300
    )
    return aiohttp.ClientSession(connector=connector)
