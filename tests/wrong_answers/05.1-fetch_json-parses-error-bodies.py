# expect: returned the error body
import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        return await resp.json()  # a 404 with a JSON body comes back as if it were the data
