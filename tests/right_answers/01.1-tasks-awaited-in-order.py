"""Every task started first, then awaited one by one in the order of urls: they still all run at once."""

import asyncio

import aiohttp


async def fetch_all(urls: list[str]) -> list[str]:
    async def fetch_text(url: str) -> str:
        async with session.get(url) as resp:
            return await resp.text()

    async with aiohttp.ClientSession() as session:
        tasks = [asyncio.create_task(fetch_text(url)) for url in urls]
        return [await task for task in tasks]
