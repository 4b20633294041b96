# expect: not in the order of urls
"""All at once, but as_completed yields the bodies in the order the responses finish."""

import asyncio

import aiohttp


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    async with aiohttp.ClientSession() as session:
        return [await body for body in asyncio.as_completed([fetch_text(session, url) for url in urls])]
