"""resp.content.read() with no size reads the stream to its end: the same bytes as resp.read()."""

import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        return await resp.content.read()
