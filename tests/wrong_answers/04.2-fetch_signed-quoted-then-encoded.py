# expect: escaped twice
from urllib.parse import quote

import aiohttp
from yarl import URL


async def fetch_signed(session: aiohttp.ClientSession, signed_url: str) -> bytes:
    # encoded=True, but only after escaping the link a second time by hand.
    async with session.get(URL(quote(signed_url, safe=":/?&="), encoded=True)) as resp:
        resp.raise_for_status()
        return await resp.read()
