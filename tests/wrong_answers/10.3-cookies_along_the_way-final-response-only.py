# expect: only the cookies the last response set
"""resp.cookies of the final response: a check whose chain set cookies only at its end would pass it."""

import aiohttp


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    async with session.get(url) as resp:
        return {name: morsel.value for name, morsel in resp.cookies.items()}
