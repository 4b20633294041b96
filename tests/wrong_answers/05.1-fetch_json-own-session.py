# expect: made no request through the session it was given
import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str):
    async with aiohttp.request("GET", url) as resp:  # right results, but a new connection for every call
        resp.raise_for_status()
        return await resp.json()
