"""The crawl site in a background thread, as the echo and the HTTPS echo run (see `local_server.runner`).

``site = await start_crawl_site()`` in a notebook; running the cell again returns the same site, reset (its
counters at zero, /busy failing again), so a notebook run twice in one kernel sees the same answers. A check
that needs a site of its own uses ``with start_crawl_site_in_thread(reuse=False) as site:`` or serves
`create_crawl_app()` itself.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
import time
from dataclasses import dataclass, field
from types import TracebackType

from aiohttp import web

from ..background import BackgroundLoop
from ..runner import HOST
from .server import CrawlStats, SiteCounters, create_crawl_app, site_counters
from .truth import ExpectedCrawl, expected_report

IDLE_POLL = 0.01
"""Seconds between two looks at the counters while `CrawlSite.idle()` waits."""
SHUTDOWN_TIMEOUT = 1.0
"""Seconds `stop()` gives requests still being answered; /stuck's wait is cut short (handlers are cancelled)."""


@dataclass
class CrawlSite:
    """A running crawl site on 127.0.0.1: `url`, what it saw (`stats()`), `reset()`, `stop()`."""

    host: str
    port: int
    _counters: SiteCounters = field(repr=False)
    _runner: web.AppRunner = field(repr=False)
    _background: BackgroundLoop = field(repr=False)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``: the home page is ``url + "/"``."""
        return f"http://{self.host}:{self.port}"

    @property
    def robots_url(self) -> str:
        return f"{self.url}/robots.txt"

    @property
    def running(self) -> bool:
        return self._background.alive

    def stats(self) -> CrawlStats:
        """What the site saw since it started or was reset: in flight now and at most, counts, a log."""
        return self._counters.snapshot()

    async def idle(self, at_most: float = 2.0) -> bool:
        """Wait until no request is being answered (for `at_most` seconds); say whether it is so.

        Right after a crawl, a request the crawler gave up on (a timeout) may count as in flight for a moment:
        the site learns that the client went away when its connection closes.
        """
        deadline = time.monotonic() + at_most
        while self._counters.snapshot().in_flight and time.monotonic() < deadline:
            await asyncio.sleep(IDLE_POLL)
        return self._counters.snapshot().in_flight == 0

    def reset(self) -> None:
        """Forget what the site saw and make /busy fail again: call it before each crawl you measure."""
        self._counters.reset()

    def expected_report(self, **policy) -> ExpectedCrawl:
        """`crawl_site.expected_report(**policy)`: what a polite crawl of this site finds."""
        return expected_report(**policy)

    def stop(self) -> None:
        """Close the listening socket and open connections, then end the thread."""
        global _shared
        if self._background.alive:
            try:
                self._background.run(self._runner.cleanup())
            finally:
                self._background.stop()
        with _lock:
            if _shared is self:
                _shared = None

    def __enter__(self) -> CrawlSite:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


_shared: CrawlSite | None = None
_lock = threading.Lock()


async def _open_site(app: web.Application) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=SHUTDOWN_TIMEOUT)
    await runner.setup()
    site = web.TCPSite(runner, HOST, 0)
    try:
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner, site.port


def start_crawl_site_in_thread(*, reuse: bool = True) -> CrawlSite:
    """Serve the crawl site on 127.0.0.1 (a free port), or return the one already running, reset.

    ``reuse=False`` always starts a new site, with counters of its own, which you stop.
    """
    global _shared
    with _lock:
        if reuse and _shared is not None and _shared.running:
            _shared.reset()
            return _shared
        app = create_crawl_app()
        background = BackgroundLoop("crawl-site")
        try:
            runner, port = background.run(_open_site(app))
        except BaseException:
            background.stop()
            raise
        site = CrawlSite(HOST, port, site_counters(app), runner, background)
        if reuse:
            _shared = site
        return site


async def start_crawl_site(*, reuse: bool = True) -> CrawlSite:
    """`start_crawl_site_in_thread` from async code: ``site = await start_crawl_site()``."""
    return await asyncio.to_thread(start_crawl_site_in_thread, reuse=reuse)


def stop_crawl_site() -> None:
    """Stop the shared crawl site, if it runs."""
    if _shared is not None:
        _shared.stop()


atexit.register(stop_crawl_site)
