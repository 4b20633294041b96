# expect: you timed the body too
"""on_response_chunk_received taken for the first bytes arriving: resp.read() sends it once, with the whole body."""

import time

import aiohttp


async def time_to_first_byte(url: str) -> float:
    async def on_start(session, context, params) -> None:
        context.started = time.perf_counter()

    async def on_chunk(session, context, params) -> None:
        if "seconds" not in context.trace_request_ctx:
            context.trace_request_ctx["seconds"] = time.perf_counter() - context.started

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)
    trace.on_response_chunk_received.append(on_chunk)
    measured = {}
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        async with session.get(url, trace_request_ctx=measured) as resp:
            resp.raise_for_status()
            await resp.read()
    return measured["seconds"]
