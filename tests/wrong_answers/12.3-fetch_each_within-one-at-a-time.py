# expect: Keep session.connector.limit requests going at once
"""Each request gets its own time, but only one is ever in flight: the pool's second connection stays idle."""

import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    one_at_a_time = asyncio.Semaphore(1)

    async def fetch_text(url: str) -> str | None:
        async with one_at_a_time:
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(total=seconds)) as resp:
                    return await resp.text()
            except TimeoutError:
                return None

    return await asyncio.gather(*(fetch_text(url) for url in urls))
