# expect: at most k=2 may be
"""The first round's k written in: right for k=3, too many for any smaller k."""

import asyncio

import aiohttp

THREE_AT_A_TIME = asyncio.Semaphore(3)


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
        async with THREE_AT_A_TIME, session.get(url) as resp:
            return await resp.text()

    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(fetch_text(session, url) for url in urls))
