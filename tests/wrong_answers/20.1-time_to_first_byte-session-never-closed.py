# expect: was still open when it returned
"""The right time, from a session that is never closed (its connection stays open until the program ends)."""

import time

import aiohttp


async def time_to_first_byte(url: str) -> float:
    session = aiohttp.ClientSession()
    started = time.perf_counter()
    resp = await session.get(url)
    seconds = time.perf_counter() - started
    await resp.read()
    return seconds
