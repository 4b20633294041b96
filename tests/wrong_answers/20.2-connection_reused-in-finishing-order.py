# expect: given to the wrong requests
"""Each request's own answer, from its own context, but appended as the requests finish: not in the order of urls.

The numbers of new and reused connections are right, so a check that counted them would accept it.
"""

import asyncio

import aiohttp


async def connection_reused(urls: list[str]) -> list[bool]:
    answers: list[bool] = []

    async def on_new(session, context, params) -> None:
        context.reused = False

    async def on_reused(session, context, params) -> None:
        context.reused = True

    async def on_end(session, context, params) -> None:
        answers.append(context.reused)

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_new)
    trace.on_connection_reuseconn.append(on_reused)
    trace.on_request_end.append(on_end)

    async def fetch(session: aiohttp.ClientSession, url: str) -> None:
        async with session.get(url) as resp:
            await resp.read()

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=2), trace_configs=[trace]) as session:
        await asyncio.gather(*(fetch(session, url) for url in urls))
    return answers
