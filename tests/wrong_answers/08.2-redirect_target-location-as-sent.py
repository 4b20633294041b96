# expect: returned the Location as sent: it is relative to the URL that sent it
import aiohttp


async def redirect_target(session: aiohttp.ClientSession, url: str) -> str | None:
    async with session.get(url, allow_redirects=False) as resp:
        return resp.headers.get("Location")  # "/moved/…" is a path, not a URL
