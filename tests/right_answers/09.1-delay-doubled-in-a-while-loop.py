import asyncio

import aiohttp


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    """A while loop with a delay that doubles, and one except clause per kind of failure."""
    delay, made = base_delay, 0
    while True:
        made += 1
        retry = False
        try:
            async with session.get(url, timeout=aiohttp.ClientTimeout(total=5, sock_connect=2)) as resp:
                if resp.status >= 400:
                    retry = resp.status == 429 or resp.status >= 500
                    resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientResponseError:
            if not retry or made >= attempts:
                raise
        except (aiohttp.ClientConnectionError, TimeoutError):
            if made >= attempts:
                raise
        await asyncio.sleep(delay)
        delay *= 2
