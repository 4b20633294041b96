# expect: letters are missing (errors='ignore' drops every byte it
"""No exception and no replacement character, so a check for U+FFFD alone would accept it: but every
letter that is not ASCII is silently dropped."""

import aiohttp


async def read_latin1(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text(errors="ignore")
