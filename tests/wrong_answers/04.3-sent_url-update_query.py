# expect: it does not replace a parameter of the same name
import aiohttp
from yarl import URL


async def sent_url(session: aiohttp.ClientSession, url: str, params) -> str:
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
    return str(URL(url).update_query(params))  # update_query replaces tag=old; aiohttp sent both tags
