# expect: the server received only
"""asyncio.timeout around the wait for room as well as the request: the wait counts again."""

import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    room = asyncio.Semaphore(session.connector.limit)

    async def fetch_text(url: str) -> str | None:
        try:
            async with asyncio.timeout(seconds), room, session.get(url) as resp:
                return await resp.text()
        except TimeoutError:
            return None

    return await asyncio.gather(*(fetch_text(url) for url in urls))
