# expect: must return the decoded text as a str, not bytes
"""The bytes, undecoded: every letter is intact, but it is not text yet."""

import aiohttp


async def read_latin1(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.read()
