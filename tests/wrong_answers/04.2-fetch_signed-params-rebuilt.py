# expect: the same values, written with other escapes
from urllib.parse import parse_qsl

import aiohttp


async def fetch_signed(session: aiohttp.ClientSession, signed_url: str) -> bytes:
    base, _, query = signed_url.partition("?")
    # Decoded, then escaped again by yarl in its own way: the same values, other characters.
    async with session.get(base, params=parse_qsl(query)) as resp:
        return await resp.read()  # the 403's error body, when the server refuses the link
