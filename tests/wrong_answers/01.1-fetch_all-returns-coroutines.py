# expect: returned a list of coroutines, not of their results
"""Calling an async function only makes a coroutine: none of these requests is ever sent."""

import aiohttp


async def fetch_text(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    return [fetch_text(url) for url in urls]
