# expect: retried at once
import aiohttp


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    # Right body, right number of requests, 404 raised at once: only the waits are missing.
    for attempt in range(1, attempts + 1):
        try:
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientResponseError as exc:
            if attempt == attempts or (exc.status != 429 and exc.status < 500):
                raise
        except (aiohttp.ClientConnectionError, TimeoutError):
            if attempt == attempts:
                raise
