from urllib.parse import urljoin

import aiohttp


async def redirect_target(session: aiohttp.ClientSession, url: str) -> str | None:
    """HEAD, which aiohttp never follows unless asked, and the standard library's urljoin."""
    async with session.head(url) as resp:
        if 300 <= resp.status < 400 and "Location" in resp.headers:
            return urljoin(str(resp.url), resp.headers["Location"])
    return None
