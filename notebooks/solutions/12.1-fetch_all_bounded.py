import asyncio

import aiohttp


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    """Fetch every URL through one session with at most k requests in flight; return the texts in order."""
    at_most_k = asyncio.Semaphore(k)  # a request waits here until one of the k in flight is done

    async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
        async with at_most_k:
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.text()

    # Every request is started at once and waits for its turn on its own: the next one goes the moment any
    # one finishes. gather keeps the order of urls.
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(fetch_text(session, url) for url in urls))
