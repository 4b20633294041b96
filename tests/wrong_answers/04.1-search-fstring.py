# expect: have a meaning in a query string
import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    # Right for plain words ("aiohttp", "python"); an & or # inside a value splits or ends it.
    tag_part = "".join(f"&tag={tag}" for tag in tags)
    async with session.get(f"{url}?q={query}{tag_part}") as resp:
        resp.raise_for_status()
        return (await resp.json())["args"]
