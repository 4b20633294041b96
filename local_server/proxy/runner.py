"""Running a forward proxy in a background thread, as the echo server runs (see `local_server.runner`).

A lesson calls ``proxy = await start_proxy()`` (an open proxy) or
``await start_proxy(credentials=("ada", "secret"))`` (one that asks for them); running the cell again returns
the proxy already running with those options. A check or a test that needs a proxy of its own, with a log
nobody else writes to, passes ``reuse=False`` and stops it: ``with start_proxy_in_thread(reuse=False) as proxy:``.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from dataclasses import dataclass, field
from types import TracebackType

from ..background import BackgroundLoop
from ..limits import ProxyLimits
from .log import ProxyLog
from .server import HOST, Connect, ForwardProxy


@dataclass
class LocalProxy:
    """A running forward proxy: `url` to pass as ``proxy=``, `log` to read what it saw, `stop()` to end it."""

    host: str
    port: int
    credentials: tuple[str, str] | None
    _proxy: ForwardProxy = field(repr=False)
    _background: BackgroundLoop = field(repr=False)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, without credentials: the lesson shows how to add them."""
        return f"http://{self.host}:{self.port}"

    @property
    def log(self) -> ProxyLog:
        return self._proxy.log

    @property
    def limits(self) -> ProxyLimits:
        return self._proxy.limits

    @property
    def running(self) -> bool:
        return self._background.alive

    @property
    def open_connections(self) -> int:
        """Client connections the proxy is serving now (tunnels included)."""
        return self._proxy.open_connections

    def stop(self) -> None:
        """Close the listening socket and every open connection, then end the thread."""
        if self._background.alive:
            try:
                self._background.run(self._proxy.close())
            finally:
                self._background.stop()
        with _lock:
            for key, proxy in list(_running.items()):
                if proxy is self:
                    del _running[key]

    def __enter__(self) -> LocalProxy:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


_running: dict[tuple[tuple[str, str] | None, ProxyLimits], LocalProxy] = {}
_lock = threading.Lock()


def start_proxy_in_thread(
    credentials: tuple[str, str] | None = None,
    limits: ProxyLimits | None = None,
    *,
    connect: Connect | None = None,
    reuse: bool = True,
) -> LocalProxy:
    """Start a proxy on 127.0.0.1 (a free port) in a thread of its own, or return the running one with these options.

    `credentials` (login, password) make it answer 407 to requests without them. With ``reuse=False`` (or a
    `connect` of your own) it is always a new proxy, which you stop.
    """
    limits = limits or ProxyLimits()
    key = (credentials, limits)
    shared = reuse and connect is None
    with _lock:
        if shared and key in _running and _running[key].running:
            return _running[key]
        background = BackgroundLoop("local-proxy")
        proxy = ForwardProxy(credentials, limits, connect)
        try:
            port = background.run(proxy.start())
        except BaseException:
            background.stop()
            raise
        running = LocalProxy(HOST, port, credentials, proxy, background)
        if shared:
            _running[key] = running
        return running


async def start_proxy(
    credentials: tuple[str, str] | None = None,
    limits: ProxyLimits | None = None,
    *,
    connect: Connect | None = None,
    reuse: bool = True,
) -> LocalProxy:
    """`start_proxy_in_thread` from async code (a notebook cell): ``proxy = await start_proxy()``."""
    return await asyncio.to_thread(start_proxy_in_thread, credentials, limits, connect=connect, reuse=reuse)


def stop_proxies() -> None:
    """Stop every proxy started with ``reuse=True``."""
    with _lock:
        running = list(_running.values())
    for proxy in running:
        proxy.stop()


atexit.register(stop_proxies)
