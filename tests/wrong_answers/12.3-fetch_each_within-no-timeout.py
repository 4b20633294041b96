# expect: returned its text after waiting for it
"""Room for each request, but no timeout: the stuck URL is waited for."""

import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    room = asyncio.Semaphore(session.connector.limit)

    async def fetch_text(url: str) -> str | None:
        async with room, session.get(url) as resp:
            return await resp.text()

    return await asyncio.gather(*(fetch_text(url) for url in urls))
