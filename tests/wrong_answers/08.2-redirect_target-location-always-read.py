# expect: A response that is not a redirect has no Location header
import aiohttp
from yarl import URL


async def redirect_target(session: aiohttp.ClientSession, url: str) -> str | None:
    async with session.get(url, allow_redirects=False) as resp:
        return str(resp.url.join(URL(resp.headers["Location"])))
