# expect: returned Morsels as the values
"""Every cookie found, but the Morsels themselves as the values."""

import aiohttp


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    found = {}
    async with session.get(url) as resp:
        for response in (*resp.history, resp):
            found.update(response.cookies)
    return found
