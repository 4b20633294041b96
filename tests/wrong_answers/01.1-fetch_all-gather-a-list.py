# expect: write `asyncio.gather(*coroutines)`, with a star
"""The coroutines handed to gather as one list, not as separate arguments."""

import asyncio

import aiohttp


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather([fetch_text(session, url) for url in urls])
