# expect: tried to parse the error page as JSON before looking at the status
import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        data = await resp.json()  # a text/plain error page raises ContentTypeError here, which is a
        resp.raise_for_status()  # ClientResponseError with the right status: a surface check would accept it
        return data
