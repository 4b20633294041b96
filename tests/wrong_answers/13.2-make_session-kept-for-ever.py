# expect: it keeps addresses for longer than five minutes
"""ttl_dns_cache=None: the session never looks a name up again, however long it lives."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[nameserver]), ttl_dns_cache=None)
    return aiohttp.ClientSession(connector=connector)
