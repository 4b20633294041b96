# expect: Read the body inside the block
"""The body is read after the `async with` block has closed the response."""

import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        pass
    return await resp.read()
