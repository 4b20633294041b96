# expect: but only after following the whole chain
import aiohttp


async def fetch_within(session: aiohttp.ClientSession, url: str, max_hops: int):
    # Every value right, so a check of the values alone would accept it: but the whole chain is followed
    # (up to aiohttp's default of 10) before the hops are counted.
    try:
        async with session.get(url) as resp:
            if len(resp.history) > max_hops:
                return None
            return await resp.json()
    except aiohttp.TooManyRedirects:
        return None
