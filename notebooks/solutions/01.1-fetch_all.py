import asyncio

import aiohttp


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        resp.raise_for_status()  # an error answer raises here instead of being returned as if it were the page
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    # One session for all the requests; gather starts them all at once and keeps the order of urls.
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(fetch_text(session, url) for url in urls))
