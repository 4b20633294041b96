# expect: fetch_signed must return the file's bytes, not str
import aiohttp
from yarl import URL


async def fetch_signed(session: aiohttp.ClientSession, signed_url: str) -> bytes:
    async with session.get(URL(signed_url, encoded=True)) as resp:
        resp.raise_for_status()
        return await resp.text()
