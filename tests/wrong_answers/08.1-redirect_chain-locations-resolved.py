# expect: you resolved each Location into a full URL
import aiohttp
from yarl import URL


async def redirect_chain(session: aiohttp.ClientSession, url: str) -> list[tuple[int, str]]:
    async with session.get(url) as resp:
        return [(hop.status, str(hop.url.join(URL(hop.headers["Location"])))) for hop in resp.history]
