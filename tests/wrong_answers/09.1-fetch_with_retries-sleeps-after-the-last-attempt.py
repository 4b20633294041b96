# expect: it waited after the last attempt
import asyncio

import aiohttp


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    last_error = None
    for attempt in range(1, attempts + 1):
        try:
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientResponseError as exc:
            if exc.status != 429 and exc.status < 500:
                raise
            last_error = exc
        except (aiohttp.ClientConnectionError, TimeoutError) as exc:
            last_error = exc
        await asyncio.sleep(base_delay * 2 ** (attempt - 1))  # also after the last attempt, for nothing
    raise last_error
