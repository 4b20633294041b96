# expect: returned None; the task asks it to raise
import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        if resp.ok:
            return await resp.json()
        # falls through: None for every error
