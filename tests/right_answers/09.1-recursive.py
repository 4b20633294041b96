import asyncio

import aiohttp


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    """Recursive: one attempt, then the same call with one attempt fewer and the delay doubled."""
    try:
        async with session.get(url, raise_for_status=True, timeout=aiohttp.ClientTimeout(total=10)) as resp:
            return await resp.json()
    except aiohttp.ClientResponseError as exc:
        if attempts == 1 or (exc.status != 429 and exc.status < 500):
            raise
    except (aiohttp.ClientConnectionError, TimeoutError):
        if attempts == 1:
            raise
    await asyncio.sleep(base_delay)
    return await fetch_with_retries(session, url, attempts - 1, base_delay * 2)
