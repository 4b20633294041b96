# expect: let TooManyRedirects out
import aiohttp


async def fetch_within(session: aiohttp.ClientSession, url: str, max_hops: int):
    async with session.get(url, max_redirects=max_hops + 1) as resp:
        return await resp.json()
