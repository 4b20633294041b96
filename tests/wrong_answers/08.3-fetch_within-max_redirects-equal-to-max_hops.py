# expect: max_hops redirects are allowed, so follow them all
import aiohttp


async def fetch_within(session: aiohttp.ClientSession, url: str, max_hops: int):
    try:
        async with session.get(url, max_redirects=max_hops) as resp:  # follows max_hops - 1 at most
            return await resp.json()
    except aiohttp.TooManyRedirects:
        return None
