import aiohttp
from yarl import URL


async def fetch_within(session: aiohttp.ClientSession, url: str, max_hops: int):
    """The hops counted by hand: one request with allow_redirects=False per hop, max_hops + 1 at most."""
    target = URL(url)
    for _ in range(max_hops + 1):
        async with session.get(target, allow_redirects=False) as resp:
            if resp.status not in (301, 302, 303, 307, 308):
                resp.raise_for_status()
                return await resp.json()
            target = resp.url.join(URL(resp.headers["Location"]))
    return None  # the (max_hops + 1)-th response was a redirect too
