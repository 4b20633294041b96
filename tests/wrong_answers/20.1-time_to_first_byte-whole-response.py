# expect: you timed the body too
"""The clock stopped once the whole response had been read: the time to the last byte, not the first.

Against a server that is slow only before its headers (and sends its body with them) this gives the right
number, so a check of that one case alone would accept it.
"""

import time

import aiohttp


async def time_to_first_byte(url: str) -> float:
    async with aiohttp.ClientSession() as session:
        started = time.perf_counter()
        async with session.get(url) as resp:
            resp.raise_for_status()
            await resp.read()
        return time.perf_counter() - started
