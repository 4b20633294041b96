# expect: returned a coroutine instead of its result
"""read() without await gives a coroutine, not the bytes."""

import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        return resp.read()
