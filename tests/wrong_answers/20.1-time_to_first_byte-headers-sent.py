# expect: shorter than the
"""The clock stopped when the request's own headers went out: how long sending took, not the server's answer."""

import time

import aiohttp


async def time_to_first_byte(url: str) -> float:
    async def on_start(session, context, params) -> None:
        context.started = time.perf_counter()

    async def on_sent(session, context, params) -> None:
        context.trace_request_ctx["seconds"] = time.perf_counter() - context.started

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)
    trace.on_request_headers_sent.append(on_sent)
    measured = {}
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        async with session.get(url, trace_request_ctx=measured) as resp:
            resp.raise_for_status()
            await resp.read()
    return measured["seconds"]
