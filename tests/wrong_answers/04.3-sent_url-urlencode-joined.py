# expect: the same parameters, written with other escapes
from urllib.parse import urlencode

import aiohttp


async def sent_url(session: aiohttp.ClientSession, url: str, params) -> str:
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{urlencode(params)}"  # urlencode writes / as %2F and : as %3A; aiohttp does not
