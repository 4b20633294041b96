# expect: a variable all the requests share is overwritten
"""One variable for all the requests: a slow request reads what the requests after it wrote there."""

import asyncio

import aiohttp


async def connection_reused(urls: list[str]) -> list[bool]:
    last_was_reused = False

    async def on_new(session, context, params) -> None:
        nonlocal last_was_reused
        last_was_reused = False

    async def on_reused(session, context, params) -> None:
        nonlocal last_was_reused
        last_was_reused = True

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_new)
    trace.on_connection_reuseconn.append(on_reused)

    async def fetch(session: aiohttp.ClientSession, url: str) -> bool:
        async with session.get(url) as resp:
            await resp.read()
        return last_was_reused

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=2), trace_configs=[trace]) as session:
        return list(await asyncio.gather(*(fetch(session, url) for url in urls)))
