"""The event loop's clock, and a context class of its own (TraceConfig's trace_config_ctx_factory)."""

import asyncio
from types import SimpleNamespace

import aiohttp


class Timing(SimpleNamespace):
    started: float
    first_byte: float


async def time_to_first_byte(url: str) -> float:
    loop = asyncio.get_running_loop()
    contexts: list[Timing] = []

    async def on_start(session, context: Timing, params) -> None:
        context.started = loop.time()
        contexts.append(context)

    async def on_end(session, context: Timing, params) -> None:
        context.first_byte = loop.time() - context.started

    trace = aiohttp.TraceConfig(trace_config_ctx_factory=Timing)
    trace.on_request_start.append(on_start)
    trace.on_request_end.append(on_end)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session, session.get(url) as resp:
        resp.raise_for_status()
        await resp.read()
    (timing,) = contexts
    return timing.first_byte
