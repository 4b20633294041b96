import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    """Fetch every URL at once; each gets `seconds` from when it has a connection (None if it takes longer)."""
    # As many at once as the pool lends connections (limit=0 means no limit: then every URL at once).
    room = asyncio.Semaphore(session.connector.limit or len(urls))
    timeout = aiohttp.ClientTimeout(total=seconds)

    async def fetch_text(url: str) -> str | None:
        async with room:  # waits here, before the request (and its timeout) has started
            try:
                async with session.get(url, timeout=timeout) as resp:
                    resp.raise_for_status()
                    return await resp.text()
            except TimeoutError:
                return None

    return await asyncio.gather(*(fetch_text(url) for url in urls))
