# expect: escaped twice
import aiohttp


async def fetch_signed(session: aiohttp.ClientSession, signed_url: str) -> bytes:
    base, _, query = signed_url.partition("?")
    # A str in params= is escaped again: every % of the link becomes %25.
    async with session.get(base, params=query) as resp:
        resp.raise_for_status()
        return await resp.read()
