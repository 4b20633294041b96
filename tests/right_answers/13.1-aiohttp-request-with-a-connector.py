"""One request, so aiohttp.request (a session of its own for one request), given the connector."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def fetch_through(nameserver: str, url: str) -> str:
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[nameserver]))
    try:
        async with aiohttp.request("GET", url, connector=connector) as resp:
            resp.raise_for_status()
            return await resp.text()
    finally:
        await connector.close()
