# expect: the DNS server was never asked about
"""The page is right, but the name was never looked up: the URL was rewritten to the address the lesson showed."""

import aiohttp
from yarl import URL


async def fetch_through(nameserver: str, url: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(URL(url).with_host("127.0.0.1")) as resp:
            resp.raise_for_status()
            return await resp.text()
