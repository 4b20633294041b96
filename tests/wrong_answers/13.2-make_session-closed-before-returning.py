# expect: returned a closed session
"""The habit of `async with` around every session, here where the session must outlive the function."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def make_session(nameserver: str) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[nameserver]), ttl_dns_cache=300)
    async with aiohttp.ClientSession(connector=connector) as session:
        return session
