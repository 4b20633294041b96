import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    # A list of (name, value) pairs may name "tag" more than once; aiohttp escapes every value.
    params = [("q", query)]
    params.extend(("tag", tag) for tag in tags)
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
        echo = await resp.json()
    return echo["args"]
