# expect: at most 2 of your 4 requests were in flight at once
"""Two requests at a time: about 2 s for four 1-second URLs, under a loose time limit of 3 s."""

import asyncio

import aiohttp


async def fetch_all(urls: list[str]) -> list[str]:
    two_at_a_time = asyncio.Semaphore(2)

    async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
        async with two_at_a_time, session.get(url) as resp:
            return await resp.text()

    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(fetch_text(session, url) for url in urls))
