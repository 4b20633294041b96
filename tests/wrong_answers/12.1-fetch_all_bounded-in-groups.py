# expect: rather than a group at a time
"""Groups of k gathered one after the other: never more than k in flight, but each group waits for its slowest."""

import asyncio

import aiohttp


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
        async with session.get(url) as resp:
            return await resp.text()

    texts: list[str] = []
    async with aiohttp.ClientSession() as session:
        for start in range(0, len(urls), k):
            texts += await asyncio.gather(*(fetch_text(session, url) for url in urls[start : start + k]))
    return texts
