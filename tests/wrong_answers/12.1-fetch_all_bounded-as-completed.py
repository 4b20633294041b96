# expect: in the order the answers finished, not in the order of urls
"""Bounded by a pool of k, but the texts collected as the answers finish."""

import asyncio

import aiohttp


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
        async with session.get(url) as resp:
            return await resp.text()

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=k)) as session:
        return [await done for done in asyncio.as_completed([fetch_text(session, url) for url in urls])]
