# expect: must return the text of the page, not bytes
"""Looked up the right way, but returns the raw body."""

import aiohttp
from aiohttp.resolver import AsyncResolver


async def fetch_through(nameserver: str, url: str) -> str:
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[nameserver]))
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.read()
