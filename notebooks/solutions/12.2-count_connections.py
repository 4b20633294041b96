import aiohttp


async def count_connections(urls: list[str]) -> tuple[int, int]:
    """Fetch the URLs one after another through one session; return (connections opened, connections reused)."""
    opened = reused = 0

    async def on_created(session, context, params) -> None:
        nonlocal opened
        opened += 1  # a new TCP connection is ready

    async def on_reused(session, context, params) -> None:
        nonlocal reused
        reused += 1  # a request took a kept-alive connection from the pool

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_created)
    trace.on_connection_reuseconn.append(on_reused)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        for url in urls:
            async with session.get(url) as resp:
                resp.raise_for_status()
                await resp.read()  # the whole body, inside the block: the connection goes back to the pool
    return opened, reused
