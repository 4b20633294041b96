# expect: that is a timeout in your own code
"""A half-second total timeout on the session, for URLs that take one second to answer."""

import asyncio

import aiohttp


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=0.5)) as session:
        return await asyncio.gather(*(fetch_text(session, url) for url in urls))
