import aiohttp


async def fetch_within(session: aiohttp.ClientSession, url: str, max_hops: int):
    """Return the JSON body at the end of at most max_hops redirects from url; None when it takes more."""
    try:
        # max_redirects=N raises TooManyRedirects when the N-th redirect arrives: it follows N - 1 of them.
        async with session.get(url, max_redirects=max_hops + 1) as resp:
            resp.raise_for_status()
            return await resp.json()
    except aiohttp.TooManyRedirects:
        return None
