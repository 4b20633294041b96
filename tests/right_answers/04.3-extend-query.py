import aiohttp
from yarl import URL


async def sent_url(session: aiohttp.ClientSession, url: str, params) -> str:
    # What aiohttp does with params: yarl's extend_query, which keeps the query already in the URL.
    target = URL(url).extend_query(params)
    async with session.get(target) as resp:
        resp.raise_for_status()
    return str(target)
