# expect: not in the order of urls
import asyncio

import aiohttp


async def fetch_text(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    # as_completed yields the results as they finish: fast, but the order of urls is lost
    return [await body for body in asyncio.as_completed([fetch_text(url) for url in urls])]
