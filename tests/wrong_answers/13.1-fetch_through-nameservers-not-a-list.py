# expect: nameservers= takes a list
"""The nameserver string itself as nameservers=: c-ares reads it one character at a time."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def fetch_through(nameserver: str, url: str) -> str:
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=nameserver))
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.text()
