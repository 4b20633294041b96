"""Running the server in a background thread with its own event loop.

Why a thread: a notebook's cells run on the kernel's event loop. A server on that
same loop cannot answer while a cell blocks it (`time.sleep`, `requests.get`,
`urllib`), so a blocking client would wait for ever. A server on its own loop in
its own thread keeps answering whatever the kernel is doing, and it goes away
with the kernel's process: no child process and no socket are left behind.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import threading
from dataclasses import dataclass, field

from aiohttp import web

from .app import create_app
from .limits import Limits

HOST = "127.0.0.1"


@dataclass
class LocalServer:
    """A running local server: `url` is its base URL, e.g. ``http://127.0.0.1:40123``."""

    host: str
    port: int
    _loop: asyncio.AbstractEventLoop = field(repr=False)
    _runner: web.AppRunner = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        """Close the listening socket and open connections, then end the thread."""
        global _current
        if not self._thread.is_alive():
            return
        cleanup = asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop)
        try:
            cleanup.result(timeout=10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            if _current is self:
                _current = None


_current: LocalServer | None = None
_lock = threading.Lock()


async def open_site(port: int = 0, limits: Limits | None = None, **runner_options) -> tuple[web.AppRunner, int]:
    """Start the app listening on 127.0.0.1:port; return its runner and the port it got."""
    runner = web.AppRunner(create_app(limits), **runner_options)
    await runner.setup()
    site = web.TCPSite(runner, HOST, port)
    try:
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner, site.port


def _serve(port: int, limits: Limits | None, ready: concurrent.futures.Future) -> None:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        runner, bound_port = loop.run_until_complete(open_site(port, limits, access_log=None))
    except BaseException as exc:  # report a failed start (port in use…) to the caller
        loop.close()
        ready.set_exception(exc)
        return
    ready.set_result((loop, runner, bound_port))
    try:
        loop.run_forever()
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


def start_local_server_in_thread(port: int = 0, limits: Limits | None = None) -> LocalServer:
    """Start the server (or return the one already running) without an event loop of your own.

    ``port=0`` lets the system pick a free port; `LocalServer.url` tells which.
    """
    global _current
    with _lock:
        if _current is not None and _current.running:
            return _current
        ready: concurrent.futures.Future = concurrent.futures.Future()
        thread = threading.Thread(target=_serve, args=(port, limits, ready), name="local-server", daemon=True)
        thread.start()
        loop, runner, bound_port = ready.result(timeout=30)
        _current = LocalServer(HOST, bound_port, loop, runner, thread)
        return _current


async def start_local_server(port: int = 0, limits: Limits | None = None) -> LocalServer:
    """Start the local server in a background thread, or reuse the one already running.

    In a notebook: ``server = await start_local_server()``, then use ``server.url``.
    While a server is running, this returns it as it is: ``port`` and ``limits`` only
    apply to a new one (call ``stop_local_server()`` first to change them).
    """
    return await asyncio.to_thread(start_local_server_in_thread, port, limits)


def stop_local_server() -> None:
    """Stop the running server, if there is one."""
    if _current is not None:
        _current.stop()


atexit.register(stop_local_server)
