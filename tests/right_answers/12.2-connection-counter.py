"""The lesson's own ConnectionCounter (a TraceConfig with the two callbacks), read once the session is closed."""

import aiohttp

from lesson_helpers import ConnectionCounter


async def count_connections(urls: list[str]) -> tuple[int, int]:
    counter = ConnectionCounter()
    async with aiohttp.ClientSession(trace_configs=[counter.trace_config]) as session:
        for url in urls:
            async with session.get(url) as resp:
                resp.raise_for_status()
                await resp.text()
    return counter.created, counter.reused
