import contextlib

import aiohttp


async def fetch_within(session: aiohttp.ClientSession, url: str, max_hops: int):
    """contextlib.suppress instead of try/except, and the limit named for what it is."""
    followed_at_most = max_hops
    with contextlib.suppress(aiohttp.TooManyRedirects):
        async with session.get(url, max_redirects=followed_at_most + 1, raise_for_status=True) as resp:
            return await resp.json()
    return None
