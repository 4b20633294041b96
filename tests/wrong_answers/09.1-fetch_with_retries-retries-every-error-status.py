# expect: a 404 stays a 404
import asyncio

import aiohttp


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    for attempt in range(1, attempts + 1):
        try:
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientError:  # every error, a 404 too, gets another attempt
            if attempt == attempts:
                raise
        await asyncio.sleep(base_delay * 2 ** (attempt - 1))
