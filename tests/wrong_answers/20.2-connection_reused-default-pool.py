# expect: the session's pool must hold two connections
"""Right per request, with the default pool of 100: all the requests go at once, each on a new connection."""

import asyncio

import aiohttp


async def connection_reused(urls: list[str]) -> list[bool]:
    async def on_new(session, context, params) -> None:
        context.trace_request_ctx["reused"] = False

    async def on_reused(session, context, params) -> None:
        context.trace_request_ctx["reused"] = True

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_new)
    trace.on_connection_reuseconn.append(on_reused)

    async def fetch(session: aiohttp.ClientSession, url: str) -> bool:
        noted = {}
        async with session.get(url, trace_request_ctx=noted) as resp:
            await resp.read()
        return noted["reused"]

    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        return list(await asyncio.gather(*(fetch(session, url) for url in urls)))
