# expect: search must return the args the server decoded
import aiohttp


async def search(session: aiohttp.ClientSession, url: str, query: str, tags: list[str]) -> dict:
    async with session.get(url, params=[("q", query)] + [("tag", tag) for tag in tags]) as resp:
        resp.raise_for_status()
        return await resp.text()  # the whole JSON text, not its args
