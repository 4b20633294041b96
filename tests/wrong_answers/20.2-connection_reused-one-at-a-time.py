# expect: one after another
"""Right answers for requests sent one after the other: never two at once, so the pool of two is never full."""

import aiohttp


async def connection_reused(urls: list[str]) -> list[bool]:
    async def on_new(session, context, params) -> None:
        context.trace_request_ctx["reused"] = False

    async def on_reused(session, context, params) -> None:
        context.trace_request_ctx["reused"] = True

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_new)
    trace.on_connection_reuseconn.append(on_reused)
    answers = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=2), trace_configs=[trace]) as session:
        for url in urls:
            noted = {}
            async with session.get(url, trace_request_ctx=noted) as resp:
                await resp.read()
            answers.append(noted["reused"])
    return answers
