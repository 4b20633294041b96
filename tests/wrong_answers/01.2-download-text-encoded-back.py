# expect: your bytes hold replacement characters
"""bytes, as the task asks, but they went through text(errors="replace") and back: every byte that
is not valid UTF-8 is now the three bytes of U+FFFD."""

import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        return (await resp.text(errors="replace")).encode()
