"""The check's own server: an aiohttp app served from a thread of its own, and a log of what it saw.

A check that wants to know what the server saw (a header, how many requests were in flight at once)
serves an app of its own with `serving(app)`. The app runs on an event loop in another thread, as the
local server does: the learner's code may block the check's loop (``time.sleep``, ``urllib``,
``requests``), and a server on that loop could then never answer it.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler
from multidict import CIMultiDictProxy

HOST = "127.0.0.1"
SHUTDOWN_TIMEOUT = 0.05
"""How long the clean-up waits for handlers still running: only requests the learner's code gave up on are."""
CLOSING_ROUNDS = 5
"""Rounds of waiting for the server's tasks after clean-up, so that every socket is closed before the loop is."""


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path_qs: str
    headers: CIMultiDictProxy[str]


@dataclass
class RequestLog:
    """What the check's server saw: every request, the most it was answering at once, what its handlers raised.

    Add it to an app with ``app.middlewares.append(log.middleware)`` before the app is served.
    """

    requests: list[SeenRequest] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    errors: list[tuple[SeenRequest, Exception]] = field(default_factory=list)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        seen = SeenRequest(request.method, request.path_qs, request.headers)
        self.requests.append(seen)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            return await handler(request)
        except web.HTTPException:
            raise
        except Exception as exc:  # a handler of the learner's app raised: the check reports it, not a log line
            self.errors.append((seen, exc))
            return web.Response(status=500, text=f"the handler raised {type(exc).__name__}: {exc}")
        finally:
            self.in_flight -= 1


@asynccontextmanager
async def serving(
    app: web.Application, *, ssl_context: ssl.SSLContext | None = None, handler_cancellation: bool = False
) -> AsyncIterator[str]:
    """Serve `app` on 127.0.0.1, on a free port, from a thread with its own event loop; yield its base URL.

    With `ssl_context` (a server-side context presenting a certificate) it serves HTTPS: ``https://127.0.0.1:PORT``.
    With ``handler_cancellation=True`` a handler is cancelled as soon as its client hangs up (a timeout on the
    client's side), instead of running on: lesson 23's check counts requests in flight on the server, and a request
    the learner's code gave up on must stop counting then.
    """
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="check-server", daemon=True)
    thread.start()
    runner = web.AppRunner(
        app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT, handler_cancellation=handler_cancellation
    )

    async def on_server_loop(coroutine: Coroutine[Any, Any, Any]) -> Any:
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, loop))

    async def stop() -> None:
        await runner.cleanup()
        # Connections still being set up or answered (requests the learner's code gave up on): let them end,
        # then cancel what is left. A connection accepted just now has a task that has not started yet:
        # cancelled before it starts, its socket would never be closed; so wait first, in rounds.
        for _ in range(CLOSING_ROUNDS):
            left = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            if not left:
                break
            _, pending = await asyncio.wait(left, timeout=SHUTDOWN_TIMEOUT)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        for _ in range(CLOSING_ROUNDS):  # a closed transport closes its socket on a later turn of the loop
            await asyncio.sleep(0)

    async def start() -> int:
        await runner.setup()
        site = web.TCPSite(runner, HOST, 0, ssl_context=ssl_context)
        await site.start()
        return site.port

    try:
        port = await on_server_loop(start())
        yield f"{'https' if ssl_context else 'http'}://{HOST}:{port}"
    finally:
        try:
            await on_server_loop(stop())
        finally:
            loop.call_soon_threadsafe(loop.stop)
            await asyncio.to_thread(thread.join)
            loop.close()
