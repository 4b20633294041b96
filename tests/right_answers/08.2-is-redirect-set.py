import aiohttp
from yarl import URL


async def redirect_target(session: aiohttp.ClientSession, url: str) -> str | None:
    """allow_redirects=False, a set of statuses, and the URL asked for as the base of the join."""
    async with session.request("GET", url, allow_redirects=False) as resp:
        if resp.status in {301, 302, 303, 307, 308}:
            return str(URL(url).join(URL(resp.headers["Location"])))
        return None
