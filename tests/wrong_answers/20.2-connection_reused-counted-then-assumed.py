# expect: given to the wrong requests
"""The two counts are right; the new connections are then assumed to be the first requests'."""

import asyncio

import aiohttp


async def connection_reused(urls: list[str]) -> list[bool]:
    opened = 0

    async def on_new(session, context, params) -> None:
        nonlocal opened
        opened += 1

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_new)

    async def fetch(session: aiohttp.ClientSession, url: str) -> None:
        async with session.get(url) as resp:
            await resp.read()

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=2), trace_configs=[trace]) as session:
        await asyncio.gather(*(fetch(session, url) for url in urls))
    return [False] * opened + [True] * (len(urls) - opened)
