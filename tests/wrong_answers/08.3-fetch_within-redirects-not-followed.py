# expect: a redirect has no JSON body
import aiohttp


async def fetch_within(session: aiohttp.ClientSession, url: str, max_hops: int):
    async with session.get(url, allow_redirects=False) as resp:  # stops at the first redirect
        return await resp.json()
