# expect: The later Set-Cookie replaces the earlier
"""The responses gone through newest first, so the oldest value of a cookie set twice wins."""

import aiohttp


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    found: dict[str, str] = {}
    async with session.get(url) as resp:
        for response in (resp, *reversed(resp.history)):
            for name, morsel in response.cookies.items():
                found[name] = morsel.value
    return found
