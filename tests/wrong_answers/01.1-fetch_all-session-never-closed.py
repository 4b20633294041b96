# expect: was still open when it returned
"""Works, but the session (and its connections) is left open: "Unclosed client session" later."""

import asyncio

import aiohttp


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        return await resp.text()


async def fetch_all(urls: list[str]) -> list[str]:
    session = aiohttp.ClientSession()
    return await asyncio.gather(*(fetch_text(session, url) for url in urls))
