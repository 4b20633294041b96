"""As many workers as the pool has connections, each taking the next URL when it is done: nothing ever queues."""

import asyncio

import aiohttp


async def fetch_each_within(session: aiohttp.ClientSession, urls: list[str], seconds: float) -> list[str | None]:
    results: list[str | None] = [None] * len(urls)
    pending = iter(range(len(urls)))
    timeout = aiohttp.ClientTimeout(total=seconds)

    async def worker() -> None:
        for index in pending:  # one shared iterator: each index goes to one worker
            try:
                async with session.get(urls[index], timeout=timeout) as resp:
                    resp.raise_for_status()
                    results[index] = await resp.text()
            except TimeoutError:
                results[index] = None

    await asyncio.gather(*(worker() for _ in range(session.connector.limit or len(urls))))
    return results
