# expect: the server received your request, headers and all
import aiohttp


async def fetch_pinned(url: str, pin: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as resp:  # the pinned server answers; so does every other
            resp.raise_for_status()
            return await resp.text()
