# expect: on_request_start is sent for every request
"""Every request counted as a new connection: on_request_start fires for each of them."""

import aiohttp


async def count_connections(urls: list[str]) -> tuple[int, int]:
    counts = {"opened": 0, "reused": 0}

    async def on_start(session, context, params) -> None:
        counts["opened"] += 1

    async def on_reused(session, context, params) -> None:
        counts["reused"] += 1

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)
    trace.on_connection_reuseconn.append(on_reused)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        for url in urls:
            async with session.get(url) as resp:
                await resp.read()
    return counts["opened"], counts["reused"]
