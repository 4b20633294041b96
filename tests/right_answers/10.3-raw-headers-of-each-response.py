"""The Set-Cookie headers of every response, parsed with SimpleCookie, in a dict comprehension."""

from http.cookies import SimpleCookie

import aiohttp


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    jar = SimpleCookie()
    async with session.get(url, raise_for_status=True) as resp:
        for response in [*resp.history, resp]:
            for header in response.headers.getall("Set-Cookie", ()):
                jar.load(header)  # a later header for the same name replaces the earlier Morsel
    return {name: morsel.value for name, morsel in jar.items()}
