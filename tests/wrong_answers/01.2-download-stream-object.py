# expect: download returned resp.content, the stream the body arrives on
"""resp.content sounds like the body, but it is the stream the body arrives on."""

import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        return resp.content
