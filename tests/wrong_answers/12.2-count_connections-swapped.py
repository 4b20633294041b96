# expect: the two numbers the other way round
"""The right counts, returned as (reused, opened)."""

import aiohttp


async def count_connections(urls: list[str]) -> tuple[int, int]:
    opened = reused = 0

    async def on_created(session, context, params) -> None:
        nonlocal opened
        opened += 1

    async def on_reused(session, context, params) -> None:
        nonlocal reused
        reused += 1

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_created)
    trace.on_connection_reuseconn.append(on_reused)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        for url in urls:
            async with session.get(url) as resp:
                await resp.read()
    return reused, opened
