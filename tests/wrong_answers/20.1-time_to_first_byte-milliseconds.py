# expect: that looks like milliseconds
"""The right moments, returned in milliseconds, as a browser's network panel shows them."""

import time

import aiohttp


async def time_to_first_byte(url: str) -> float:
    async def on_start(session, context, params) -> None:
        context.started = time.perf_counter()

    async def on_end(session, context, params) -> None:
        context.trace_request_ctx["ms"] = (time.perf_counter() - context.started) * 1000

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)
    trace.on_request_end.append(on_end)
    measured = {}
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        async with session.get(url, trace_request_ctx=measured) as resp:
            await resp.read()
    return measured["ms"]
