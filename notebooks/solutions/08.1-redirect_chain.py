import aiohttp


async def redirect_chain(session: aiohttp.ClientSession, url: str) -> list[tuple[int, str]]:
    """Return (status, Location) for every redirect on the way from url to its final response."""
    async with session.get(url) as resp:  # aiohttp follows the chain; resp is the final response
        return [(hop.status, hop.headers["Location"]) for hop in resp.history]  # the redirects only, in order
