# expect: is the float 2.1, not a Decimal
import aiohttp
import orjson


async def fetch_prices(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        return await resp.json(content_type=None, loads=orjson.loads)  # fast, but its numbers are floats
