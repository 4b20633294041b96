import asyncio

import aiohttp


async def connection_reused(urls: list[str]) -> list[bool]:
    """Fetch the URLs at once through a pool of two; for each, whether its request reused a kept-alive connection."""

    async def on_new(session, context, params) -> None:
        context.trace_request_ctx["reused"] = False  # this request's own dict, given to session.get below

    async def on_reused(session, context, params) -> None:
        context.trace_request_ctx["reused"] = True

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_new)
    trace.on_connection_reuseconn.append(on_reused)

    async def fetch(session: aiohttp.ClientSession, url: str) -> bool:
        noted = {}
        async with session.get(url, trace_request_ctx=noted) as resp:
            resp.raise_for_status()
            await resp.read()  # the whole body, inside the block: the connection goes back to the pool
        return noted["reused"]

    connector = aiohttp.TCPConnector(limit=2)
    async with aiohttp.ClientSession(connector=connector, trace_configs=[trace]) as session:
        return list(await asyncio.gather(*(fetch(session, url) for url in urls)))
