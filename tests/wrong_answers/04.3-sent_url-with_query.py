# expect: are missing; aiohttp keeps them
import aiohttp
from yarl import URL


async def sent_url(session: aiohttp.ClientSession, url: str, params) -> str:
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
    return str(URL(url).with_query(params))  # with_query drops the query already in url
