# expect: ThreadedResolver, which asks the system's resolver
"""ThreadedResolver calls getaddrinfo: it cannot be told which DNS server to ask."""

import aiohttp
from aiohttp.resolver import ThreadedResolver


async def fetch_through(nameserver: str, url: str) -> str:
    connector = aiohttp.TCPConnector(resolver=ThreadedResolver())
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.text()
