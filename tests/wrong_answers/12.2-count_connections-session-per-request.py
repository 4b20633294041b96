# expect: each new session opens connections of its own
"""Honest counts of a session per request: every request opens a connection, none is ever reused."""

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
    for url in urls:
        async with aiohttp.ClientSession(trace_configs=[trace]) as session, session.get(url) as resp:
            await resp.read()
    return opened, reused
