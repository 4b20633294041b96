# expect: 4 sessions, one per request
"""All at once and in order, but aiohttp.request() makes a session (and a connection) for every request."""

import asyncio

import aiohttp


async def fetch_text(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_text(url) for url in urls))
