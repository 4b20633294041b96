"""Load: 2,000 requests, 200 at a time, from one client session to the thread server; not one goes wrong.

Loopback only, bounded in count and in time (each request within BOUND seconds once it has its turn);
nothing here measures speed.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest

from local_server import start_local_server_in_thread, stop_local_server

REQUESTS = 2000
CONCURRENCY = 200
BOUND = 10  # seconds, per request: "never hangs"


@pytest.fixture
def base_url():
    """A fresh thread server with the default limits, as a notebook starts it."""
    stop_local_server()
    server = start_local_server_in_thread()
    yield server.url
    stop_local_server()


async def one_request(session: aiohttp.ClientSession, base: str, i: int) -> None:
    """Request number i: /get, /post with a small JSON body, /status/204 or /bytes/64; checks what comes back."""
    kind = i % 4
    if kind == 0:
        async with session.get(f"{base}/get", params={"i": str(i)}) as resp:
            assert resp.status == 200
            assert (await resp.json())["args"] == {"i": str(i)}
    elif kind == 1:
        async with session.post(f"{base}/post", json={"i": i, "text": "härte"}) as resp:
            assert resp.status == 200
            assert (await resp.json())["json"] == {"i": i, "text": "härte"}
    elif kind == 2:
        async with session.get(f"{base}/status/204") as resp:
            assert resp.status == 204
            assert await resp.read() == b""
    else:
        async with session.get(f"{base}/bytes/64", params={"seed": str(i)}) as resp:
            assert resp.status == 200
            assert len(await resp.read()) == 64


async def test_2000_requests_at_concurrency_200_all_succeed(base_url, caplog):
    slots = asyncio.Semaphore(CONCURRENCY)

    async def bounded(session: aiohttp.ClientSession, i: int) -> None:
        async with slots, asyncio.timeout(BOUND):
            await one_request(session, base_url, i)

    opened = []

    async def count_connection(*_) -> None:
        opened.append(1)

    tracing = aiohttp.TraceConfig()
    tracing.on_connection_create_end.append(count_connection)
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    with caplog.at_level(logging.ERROR):
        async with aiohttp.ClientSession(connector=connector, trace_configs=[tracing]) as session:
            results = await asyncio.gather(*(bounded(session, i) for i in range(REQUESTS)), return_exceptions=True)
    errors = [(i, repr(result)) for i, result in enumerate(results) if result is not None]
    assert not errors, f"{len(errors)} of {REQUESTS} went wrong, e.g. {errors[:5]}"
    assert len(opened) >= CONCURRENCY, "the client's pool never grew to CONCURRENCY connections"
    assert not [record.getMessage() for record in caplog.records], "the server logged errors under load"

    async with aiohttp.ClientSession() as session, asyncio.timeout(BOUND):
        async with session.get(f"{base_url}/get") as resp:
            assert resp.status == 200
