# expect: the values changed too
from urllib.parse import unquote

import aiohttp


async def fetch_signed(session: aiohttp.ClientSession, signed_url: str) -> bytes:
    # Decoding the link first turns its %2B into a +, which a query string reads as a space.
    async with session.get(unquote(signed_url)) as resp:
        resp.raise_for_status()
        return await resp.read()
