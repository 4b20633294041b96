"""The answer kept on each request's context, collected by URL in on_request_end; a TaskGroup for the fan-out."""

import asyncio

import aiohttp


async def connection_reused(urls: list[str]) -> list[bool]:
    by_url: dict[str, bool] = {}

    async def on_new(session, context, params) -> None:
        context.reused = False

    async def on_reused(session, context, params) -> None:
        context.reused = True

    async def on_end(session, context, params: aiohttp.TraceRequestEndParams) -> None:
        by_url[str(params.url)] = context.reused

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_new)
    trace.on_connection_reuseconn.append(on_reused)
    trace.on_request_end.append(on_end)

    async def fetch(session: aiohttp.ClientSession, url: str) -> None:
        async with session.get(url) as resp:
            resp.raise_for_status()
            await resp.read()

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=2), trace_configs=[trace]) as session:
        async with asyncio.TaskGroup() as group:
            for url in urls:
                group.create_task(fetch(session, url))
    return [by_url[url] for url in urls]
