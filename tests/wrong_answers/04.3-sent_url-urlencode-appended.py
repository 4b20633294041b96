# expect: Your URL has a second '?'
from urllib.parse import urlencode

import aiohttp


async def sent_url(session: aiohttp.ClientSession, url: str, params) -> str:
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
    # Right for a URL without a query and plain values; a second "?" when url already has a query.
    return f"{url}?{urlencode(params)}"
