import aiohttp


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    """GET url, following its redirects; return {name: value} of every cookie any response along the way set."""
    found: dict[str, str] = {}
    async with session.get(url) as resp:
        resp.raise_for_status()
        for response in (*resp.history, resp):  # the redirects, oldest first, then the final response
            for name, morsel in response.cookies.items():
                found[name] = morsel.value  # a cookie set again later keeps its later value
    return found
