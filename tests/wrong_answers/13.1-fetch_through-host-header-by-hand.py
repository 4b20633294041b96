# expect: a Host header set by hand
"""The site even sees the right Host, but nothing asked the DNS server: the address was typed in."""

import aiohttp
from yarl import URL


async def fetch_through(nameserver: str, url: str) -> str:
    target = URL(url)
    async with aiohttp.ClientSession() as session:
        headers = {"Host": f"{target.host}:{target.port}"}
        async with session.get(target.with_host("127.0.0.1"), headers=headers) as resp:
            resp.raise_for_status()
            return await resp.text()
