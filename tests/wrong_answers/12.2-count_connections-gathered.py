# expect: send them one after another
"""The requests gathered at once: each needs a connection of its own, so there is nothing to reuse yet."""

import asyncio

import aiohttp


async def count_connections(urls: list[str]) -> tuple[int, int]:
    opened = reused = 0

    async def on_created(session, context, params) -> None:
        nonlocal opened
        opened += 1

    async def on_reused(session, context, params) -> None:
        nonlocal reused
        reused += 1

    async def fetch(session: aiohttp.ClientSession, url: str) -> None:
        async with session.get(url) as resp:
            await resp.read()

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_created)
    trace.on_connection_reuseconn.append(on_reused)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        await asyncio.gather(*(fetch(session, url) for url in urls))
    return opened, reused
