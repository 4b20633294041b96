# expect: Put `await` in front of the call whose result you return
"""gather's result returned without await: the caller gets a future, not the bodies."""

import asyncio

import aiohttp


async def fetch_text(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    return asyncio.gather(*(fetch_text(url) for url in urls))
