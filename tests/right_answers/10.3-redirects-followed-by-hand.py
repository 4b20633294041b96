"""allow_redirects=False, and each Location followed by hand: every response seen, in order."""

import aiohttp
from yarl import URL


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    found: dict[str, str] = {}
    next_url: URL | None = URL(url)
    while next_url is not None:
        async with session.get(next_url, allow_redirects=False) as resp:
            found.update((name, morsel.value) for name, morsel in resp.cookies.items())
            location = resp.headers.get("Location") if resp.status in (301, 302, 303, 307, 308) else None
            next_url = resp.url.join(URL(location)) if location else None
    return found
