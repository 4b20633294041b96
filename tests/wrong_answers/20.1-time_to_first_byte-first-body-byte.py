# expect: you timed the body too
"""The first byte of the body taken for "the first byte": the headers had arrived long before it."""

import time

import aiohttp


async def time_to_first_byte(url: str) -> float:
    async with aiohttp.ClientSession() as session:
        started = time.perf_counter()
        async with session.get(url) as resp:
            resp.raise_for_status()
            await resp.content.read(1)
            return time.perf_counter() - started
