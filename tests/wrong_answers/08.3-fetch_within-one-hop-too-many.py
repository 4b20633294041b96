# expect: one more than max_hops
import aiohttp


async def fetch_within(session: aiohttp.ClientSession, url: str, max_hops: int):
    try:
        async with session.get(url, max_redirects=max_hops + 2) as resp:  # "+ 1 to be safe", once too often
            return await resp.json()
    except aiohttp.TooManyRedirects:
        return None
