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
import ssl
import threading
from dataclasses import dataclass, field

from aiohttp import web

from .app import create_app
from .background import BackgroundLoop
from .limits import Limits

HOST = "127.0.0.1"


@dataclass
class LocalServer:
    """A running local server: `url` is its base URL, e.g. ``http://127.0.0.1:40123``."""

    host: str
    port: int
    _background: BackgroundLoop = field(repr=False)
    _runner: web.AppRunner = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._background.alive

    def stop(self) -> None:
        """Close the listening socket and open connections, then end the thread."""
        global _current
        if not self._background.alive:
            return
        try:
            self._background.run(self._runner.cleanup(), timeout=10)
        finally:
            self._background.stop()
            if _current is self:
                _current = None


_current: LocalServer | None = None
_lock = threading.Lock()


async def open_site(
    port: int = 0, limits: Limits | None = None, *, ssl_context: ssl.SSLContext | None = None, **runner_options
) -> tuple[web.AppRunner, int]:
    """Start the app listening on 127.0.0.1:port (HTTPS with `ssl_context`); return its runner and the port it got."""
    runner = web.AppRunner(create_app(limits), **runner_options)
    await runner.setup()
    site = web.TCPSite(runner, HOST, port, ssl_context=ssl_context)
    try:
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner, site.port


def start_local_server_in_thread(port: int = 0, limits: Limits | None = None) -> LocalServer:
    """Start the server (or return the one already running) without an event loop of your own.

    ``port=0`` lets the system pick a free port; `LocalServer.url` tells which.
    """
    global _current
    with _lock:
        if _current is not None and _current.running:
            return _current
        background = BackgroundLoop("local-server")
        try:
            runner, bound_port = background.run(open_site(port, limits, access_log=None), timeout=30)
        except BaseException:  # a failed start (port in use…) reaches the caller; the thread ends
            background.stop()
            raise
        _current = LocalServer(HOST, bound_port, background, runner)
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
