# expect: not fewer (is the bound off by one?)
"""A semaphore of k - 1: the bound holds, one place short."""

import asyncio

import aiohttp


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    room = asyncio.Semaphore(k - 1)

    async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
        async with room, session.get(url) as resp:
            return await resp.text()

    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(fetch_text(session, url) for url in urls))
