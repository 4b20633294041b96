"""No tracing at all: `async with session.get(url)` hands over the response as soon as its headers are in."""

import time

import aiohttp


async def time_to_first_byte(url: str) -> float:
    async with aiohttp.ClientSession() as session:
        started = time.perf_counter()
        async with session.get(url) as resp:
            seconds = time.perf_counter() - started  # the headers are in; the body has not been read
            resp.raise_for_status()
            await resp.read()
    return seconds
