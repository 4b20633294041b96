# expect: That session was closed
"""The lesson's `session`, which its section "Closing the session" closed before the exercises."""

import asyncio

import aiohttp

session = aiohttp.ClientSession()  # lesson 01, "One session for many requests"
asyncio.ensure_future(session.close())  # lesson 01, "Closing the session": closed before the check runs


async def fetch_text(url: str) -> str:
    async with session.get(url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    return await asyncio.gather(*(fetch_text(url) for url in urls))
