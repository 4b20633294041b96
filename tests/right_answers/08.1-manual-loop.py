import aiohttp
from yarl import URL

REDIRECTS = {301, 302, 303, 307, 308}


async def redirect_chain(session: aiohttp.ClientSession, url: str) -> list[tuple[int, str]]:
    """Follow the chain by hand, one allow_redirects=False request per hop, at most 20 of them."""
    hops = []
    target = URL(url)
    for _ in range(20):
        async with session.get(target, allow_redirects=False) as resp:
            if resp.status not in REDIRECTS:
                return hops
            location = resp.headers["Location"]
            hops.append((resp.status, location))
            target = resp.url.join(URL(location))
    raise RuntimeError(f"more than 20 redirects from {url}")
