# expect: was asked only for /hop/0
"""allow_redirects=False: only the first response, and its cookies."""

import aiohttp


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    async with session.get(url, allow_redirects=False) as resp:
        return {name: morsel.value for name, morsel in resp.cookies.items()}
