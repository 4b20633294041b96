# expect: you returned the first 1024 of the 3755 bytes
"""bytes, and they start with the PNG signature: but read(1024) stops after the first 1024 of them."""

import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        return await resp.content.read(1024)
