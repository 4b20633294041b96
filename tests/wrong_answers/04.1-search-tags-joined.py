# expect: send one tag= parameter per tag
import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    params = {"q": query, "tag": ",".join(tags)}  # one tag parameter holding all the tags
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
        return (await resp.json())["args"]
