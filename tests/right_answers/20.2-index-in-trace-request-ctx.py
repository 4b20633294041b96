"""Each request told its place in the list through trace_request_ctx; the callbacks fill that place."""

import asyncio

import aiohttp


async def connection_reused(urls: list[str]) -> list[bool]:
    answers: list[bool | None] = [None] * len(urls)

    async def on_new(session, context, params) -> None:
        answers[context.trace_request_ctx] = False

    async def on_reused(session, context, params) -> None:
        answers[context.trace_request_ctx] = True

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_new)
    trace.on_connection_reuseconn.append(on_reused)

    async def fetch(session: aiohttp.ClientSession, n: int) -> None:
        async with session.get(urls[n], trace_request_ctx=n) as resp:
            await resp.read()

    connector = aiohttp.TCPConnector(limit=2)
    async with aiohttp.ClientSession(connector=connector, trace_configs=[trace]) as session:
        await asyncio.gather(*(fetch(session, n) for n in range(len(urls))))
    return answers
