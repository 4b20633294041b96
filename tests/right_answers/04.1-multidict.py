import aiohttp
from multidict import MultiDict


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    params = MultiDict(q=query)
    for tag in tags:
        params.add("tag", tag)
    async with session.get(url, params=params) as resp:
        if resp.status != 200:
            raise RuntimeError(f"the search failed with {resp.status}")
        return (await resp.json())["args"]
