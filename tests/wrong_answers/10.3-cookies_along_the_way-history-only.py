# expect: set by the final response itself
"""The redirects' cookies, but not the final response's own."""

import aiohttp


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    found = {}
    async with session.get(url) as resp:
        for hop in resp.history:
            for name, morsel in hop.cookies.items():
                found[name] = morsel.value
    return found
