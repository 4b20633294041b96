# expect: Read the body inside the block
import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        resp.raise_for_status()
    return await resp.json()  # the block has ended: the response is closed
