# expect: escaped twice
from urllib.parse import quote

import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    # Escaping the values "to be safe": aiohttp escapes them again.
    params = [("q", quote(query))] + [("tag", quote(tag)) for tag in tags]
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
        return (await resp.json())["args"]
