# expect: without going there. Pass allow_redirects=False
import aiohttp


async def redirect_target(session: aiohttp.ClientSession, url: str) -> str | None:
    async with session.get(url) as resp:
        return str(resp.url) if resp.history else None
