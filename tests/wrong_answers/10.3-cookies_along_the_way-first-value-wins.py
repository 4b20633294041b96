# expect: was set twice
"""setdefault: a cookie set again later keeps its first value."""

import aiohttp


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    found: dict[str, str] = {}
    async with session.get(url) as resp:
        for response in (*resp.history, resp):
            for name, morsel in response.cookies.items():
                found.setdefault(name, morsel.value)
    return found
