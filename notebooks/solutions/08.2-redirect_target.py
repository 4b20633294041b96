import aiohttp
from yarl import URL

REDIRECTS = (301, 302, 303, 307, 308)  # the statuses aiohttp follows


async def redirect_target(session: aiohttp.ClientSession, url: str) -> str | None:
    """Return the full URL that url redirects to, without requesting it; None when it does not redirect."""
    async with session.get(url, allow_redirects=False) as resp:  # the redirect itself, not where it leads
        location = resp.headers.get("Location")
        if resp.status not in REDIRECTS or location is None:
            return None
        return str(resp.url.join(URL(location)))  # a relative Location is relative to the URL that sent it
