# expect: returned a list of tasks, not of their results
"""The tasks are started, but returned as they are: nothing waits for their bodies."""

import asyncio

import aiohttp


async def fetch_text(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    return [asyncio.create_task(fetch_text(url)) for url in urls]
