from urllib.parse import urlencode

import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    # The older way: urlencode escapes every value, and the result goes into the URL, not into params=.
    pairs = [("q", query), *(("tag", tag) for tag in tags)]
    async with session.get(f"{url}?{urlencode(pairs)}") as resp:
        resp.raise_for_status()
        return (await resp.json())["args"]
