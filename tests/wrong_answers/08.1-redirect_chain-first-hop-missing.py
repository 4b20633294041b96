# expect: it misses the first hop
import aiohttp


async def redirect_chain(session: aiohttp.ClientSession, url: str) -> list[tuple[int, str]]:
    async with session.get(url) as resp:
        return [(hop.status, hop.headers["Location"]) for hop in resp.history[1:]]  # history[0] is a redirect too
