# expect: the server received only
"""A total timeout on every request, all gathered at once: the queued ones spend their time waiting for the pool.

It returns a list of the right length, texts and Nones, None for the slow URLs too: a check of that shape, or
of the slow URLs alone, would accept it.
"""

import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    async def fetch_text(url: str) -> str | None:
        try:
            async with session.get(url, timeout=aiohttp.ClientTimeout(total=seconds)) as resp:
                return await resp.text()
        except TimeoutError:
            return None

    return await asyncio.gather(*(fetch_text(url) for url in urls))
