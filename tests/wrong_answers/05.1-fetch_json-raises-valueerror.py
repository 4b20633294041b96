# expect: raised ValueError; raise aiohttp.ClientResponseError
import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        if resp.status >= 400:
            raise ValueError(f"HTTP {resp.status}")  # it raises, but callers cannot catch it as a response error
        return await resp.json()
