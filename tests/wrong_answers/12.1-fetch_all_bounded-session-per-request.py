# expect: make one aiohttp.ClientSession in fetch_all_bounded
"""The bound is right, but every request makes a session of its own (aiohttp.request), and a new connection."""

import asyncio

import aiohttp


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    room = asyncio.Semaphore(k)

    async def fetch_text(url: str) -> str:
        async with room, aiohttp.request("GET", url) as resp:
            return await resp.text()

    return await asyncio.gather(*(fetch_text(url) for url in urls))
