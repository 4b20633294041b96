import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str):
    """Return the parsed JSON body of url; raise aiohttp.ClientResponseError for a status of 400 or more."""
    async with session.get(url) as resp:
        resp.raise_for_status()  # an error status raises here, before the body is trusted
        return await resp.json()
