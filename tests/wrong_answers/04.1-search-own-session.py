# expect: through a session of its own
import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    # Right query, but a new session (and connection) for every search instead of the caller's.
    async with aiohttp.ClientSession() as own, own.get(url, params={"q": query, "tag": tags}) as resp:
        resp.raise_for_status()
        return (await resp.json())["args"]
