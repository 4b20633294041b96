import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str):
    """raise_for_status=True on the request: aiohttp raises before the block even starts."""
    async with session.get(url, raise_for_status=True) as resp:
        return await resp.json()
