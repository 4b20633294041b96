import aiohttp
from aiohttp import hdrs


async def redirect_chain(session: aiohttp.ClientSession, url: str) -> list[tuple[int, str]]:
    """A loop over resp.history, the header named by aiohttp's own constant, status checked first."""
    async with session.get(url, raise_for_status=True) as resp:
        chain = []
        for hop in resp.history:
            chain.append((hop.status, hop.headers.get(hdrs.LOCATION)))
    return chain
