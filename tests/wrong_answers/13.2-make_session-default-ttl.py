# expect: it keeps addresses for less than five minutes
"""The right DNS server and the cache on, but for aiohttp's default 10 s: four requests in a row make one lookup."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[nameserver]))
    return aiohttp.ClientSession(connector=connector)
