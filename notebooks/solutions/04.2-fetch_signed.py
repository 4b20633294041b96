import aiohttp
from yarl import URL


async def fetch_signed(session: aiohttp.ClientSession, signed_url: str) -> bytes:
    # encoded=True: the link is percent-encoded already, so yarl must not re-quote it.
    exact = URL(signed_url, encoded=True)
    async with session.get(exact) as resp:
        resp.raise_for_status()
        return await resp.read()
