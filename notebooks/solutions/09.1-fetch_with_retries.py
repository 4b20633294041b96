import asyncio

import aiohttp

RETRY_STATUSES = {429} | set(range(500, 600))  # "come back later" and the server's own trouble
ATTEMPT_TIMEOUT = aiohttp.ClientTimeout(total=10)  # each attempt has a bound of its own


def worth_retrying(exc: Exception) -> bool:
    if isinstance(exc, aiohttp.ClientResponseError):
        return exc.status in RETRY_STATUSES
    return isinstance(exc, aiohttp.ClientConnectionError | TimeoutError)


async def fetch_with_retries(session: aiohttp.ClientSession, url: str, attempts: int, base_delay: float):
    """Return the JSON body of url, retrying 429, 5xx, connection errors and timeouts with exponential backoff."""
    for attempt in range(1, attempts + 1):
        try:
            async with session.get(url, timeout=ATTEMPT_TIMEOUT) as resp:
                resp.raise_for_status()
                return await resp.json()
        except (aiohttp.ClientError, TimeoutError) as exc:
            if attempt == attempts or not worth_retrying(exc):
                raise  # the last attempt's error, or one that no retry can cure
        await asyncio.sleep(base_delay * 2 ** (attempt - 1))
