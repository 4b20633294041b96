# expect: of your requests were in flight at once; at most k=3 may be
"""Every URL gathered at once through the default pool (100 connections): k is ignored."""

import asyncio

import aiohttp


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
        async with session.get(url) as resp:
            return await resp.text()

    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(fetch_text(session, url) for url in urls))
