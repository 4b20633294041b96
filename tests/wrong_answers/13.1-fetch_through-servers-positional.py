# expect: pass the servers by name
"""The list of servers given first, by position: AsyncResolver's first parameter is the event loop."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def fetch_through(nameserver: str, url: str) -> str:
    connector = aiohttp.TCPConnector(resolver=AsyncResolver([nameserver]))
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.text()
