# expect: a dropped connection is worth another attempt
import asyncio

import aiohttp


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    for attempt in range(1, attempts + 1):
        async with session.get(url) as resp:  # a dropped connection raises here, and is never retried
            if resp.status == 429 or resp.status >= 500:
                if attempt == attempts:
                    resp.raise_for_status()
                await asyncio.sleep(base_delay * 2 ** (attempt - 1))
                continue
            resp.raise_for_status()
            return await resp.json()
