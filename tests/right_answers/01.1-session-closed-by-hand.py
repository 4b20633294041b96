"""One session, closed by hand in a finally block rather than by async with."""

import asyncio

import aiohttp


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    session = aiohttp.ClientSession()
    try:
        return list(await asyncio.gather(*(fetch_text(session, url) for url in urls)))
    finally:
        await session.close()
