import time

import aiohttp


async def time_to_first_byte(url: str) -> float:
    """Seconds from the start of a GET of url to the arrival of its response's status line and headers."""

    async def on_start(session, context, params) -> None:
        context.started = time.perf_counter()

    async def on_end(session, context, params) -> None:  # sent once the headers are in, before the body is read
        context.trace_request_ctx["seconds"] = time.perf_counter() - context.started

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)
    trace.on_request_end.append(on_end)
    measured = {}
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        async with session.get(url, trace_request_ctx=measured) as resp:
            resp.raise_for_status()
            await resp.read()  # read the body inside the block; it does not change the time measured
    return measured["seconds"]
