# expect: the server received only
"""A semaphore, but one place per URL: more than the pool's connections, so requests still queue in the pool."""

import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    room = asyncio.Semaphore(len(urls))

    async def fetch_text(url: str) -> str | None:
        async with room:
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(total=seconds)) as resp:
                    return await resp.text()
            except TimeoutError:
                return None

    return await asyncio.gather(*(fetch_text(url) for url in urls))
