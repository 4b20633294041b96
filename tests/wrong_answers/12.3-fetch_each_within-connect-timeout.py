# expect: returned its text after waiting for it
"""`connect` bounds getting a connection, not the answer: the stuck URL is waited for."""

import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    room = asyncio.Semaphore(session.connector.limit)

    async def fetch_text(url: str) -> str | None:
        async with room:
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(connect=seconds)) as resp:
                    return await resp.text()
            except TimeoutError:
                return None

    return await asyncio.gather(*(fetch_text(url) for url in urls))
