# expect: Read the body inside the block
"""The right charset, but the body is read after the `async with` block has closed the response."""

import aiohttp


async def read_latin1(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        pass
    return await resp.text(encoding="iso-8859-1")
