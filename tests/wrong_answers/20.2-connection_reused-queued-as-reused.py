# expect: may still open a new connection
"""A request that waited for the pool taken to have reused a connection: after a Connection: close it opens one."""

import asyncio

import aiohttp


async def connection_reused(urls: list[str]) -> list[bool]:
    async def on_queued_end(session, context, params) -> None:
        context.trace_request_ctx["reused"] = True

    trace = aiohttp.TraceConfig()
    trace.on_connection_queued_end.append(on_queued_end)

    async def fetch(session: aiohttp.ClientSession, url: str) -> bool:
        noted = {"reused": False}
        async with session.get(url, trace_request_ctx=noted) as resp:
            await resp.read()
        return noted["reused"]

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=2), trace_configs=[trace]) as session:
        return list(await asyncio.gather(*(fetch(session, url) for url in urls)))
