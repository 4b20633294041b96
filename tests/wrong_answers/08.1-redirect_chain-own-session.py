# expect: made no request through the session it was given
import aiohttp


async def redirect_chain(session: aiohttp.ClientSession, url: str) -> list[tuple[int, str]]:
    async with aiohttp.request("GET", url) as resp:  # right answers, through a connection pool of its own
        return [(hop.status, hop.headers["Location"]) for hop in resp.history]
