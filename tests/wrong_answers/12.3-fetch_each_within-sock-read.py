# expect: sock_read bounds each silence
"""sock_read: it does not count the wait for the pool, but it bounds each silence, not the whole answer."""

import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    async def fetch_text(url: str) -> str | None:
        try:
            async with session.get(url, timeout=aiohttp.ClientTimeout(sock_read=seconds)) as resp:
                return await resp.text()
        except TimeoutError:
            return None

    return await asyncio.gather(*(fetch_text(url) for url in urls))
