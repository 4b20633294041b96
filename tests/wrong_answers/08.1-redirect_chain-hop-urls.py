# expect: those are the URLs of the hops
import aiohttp


async def redirect_chain(session: aiohttp.ClientSession, url: str) -> list[tuple[int, str]]:
    # The right length, the right statuses, strings that look like URLs: a surface check would accept it.
    # But hop.url is where each redirect came from, not where it pointed.
    async with session.get(url) as resp:
        return [(hop.status, str(hop.url)) for hop in resp.history]
