# expect: 429 Too Many Requests means 'come back later'
import asyncio

import aiohttp


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    for attempt in range(1, attempts + 1):
        try:
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientResponseError as exc:
            if attempt == attempts or exc.status < 500:  # a 429 is raised at once
                raise
        except (aiohttp.ClientConnectionError, TimeoutError):
            if attempt == attempts:
                raise
        await asyncio.sleep(base_delay * 2 ** (attempt - 1))
