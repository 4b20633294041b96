"""on_connection_create_start (a new connection is being made) instead of _end, counted in a collections.Counter."""

from collections import Counter

import aiohttp


async def count_connections(urls: list[str]) -> tuple[int, int]:
    seen: Counter[str] = Counter()

    def counting(name: str):
        async def callback(session, context, params) -> None:
            seen[name] += 1

        return callback

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_start.append(counting("opened"))
    trace.on_connection_reuseconn.append(counting("reused"))
    session = aiohttp.ClientSession(trace_configs=[trace])
    try:
        for url in urls:
            async with session.get(url) as resp:
                await resp.read()
    finally:
        await session.close()
    return seen["opened"], seen["reused"]
