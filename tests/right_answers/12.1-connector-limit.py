"""The pool itself bounds the requests: a TCPConnector of k connections, and every request gathered at once."""

import asyncio

import aiohttp


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.text()


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=k)) as session:
        return await asyncio.gather(*(fetch_text(session, url) for url in urls))
