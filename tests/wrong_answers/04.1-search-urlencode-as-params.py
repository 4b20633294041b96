# expect: escaped twice
from urllib.parse import urlencode

import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    # urlencode escapes the values, and a str in params= gets its % escaped again by yarl.
    query_string = urlencode([("q", query)] + [("tag", tag) for tag in tags])
    async with session.get(url, params=query_string) as resp:
        resp.raise_for_status()
        return (await resp.json())["args"]
