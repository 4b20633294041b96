# expect: fell back to UTF-8
"""The charset the response declares: None here, so text() falls back to UTF-8 all the same."""

import aiohttp


async def read_latin1(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text(encoding=resp.charset)
