import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    # yarl sends a list value as one parameter per item (since yarl 1.5).
    async with session.get(url, params={"q": query, "tag": tags}, raise_for_status=True) as resp:
        return (await resp.json())["args"]
