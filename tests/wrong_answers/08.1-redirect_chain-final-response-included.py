# expect: its last item is the final response
import aiohttp


async def redirect_chain(session: aiohttp.ClientSession, url: str) -> list[tuple[int, str]]:
    async with session.get(url) as resp:
        return [(r.status, r.headers.get("Location")) for r in (*resp.history, resp)]  # the 200 is no redirect
