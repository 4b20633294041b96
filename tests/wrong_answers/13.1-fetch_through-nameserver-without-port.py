# expect: the port is part of it
"""Only the address of the DNS server: the resolver then asks port 53, where nothing answers for .test."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def fetch_through(nameserver: str, url: str) -> str:
    address = nameserver.split(":")[0]
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[address]))
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.text()
