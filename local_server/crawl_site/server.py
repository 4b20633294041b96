"""The crawl site as an aiohttp application: one handler for the table's pages, robots.txt, and what it saw.

`SiteCounters` is the site's own view of a crawl: requests in flight now and at most, requests per page and
per status, and a log of the last `MAX_LOG` answers. Its state is bounded whatever a client sends: pages are
counted under their URL, robots.txt and /missing under theirs, every other path under `OTHER`.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass

from aiohttp import web
from aiohttp.typedefs import Handler

from ..errors import client_error, error_response
from ..middleware import json_errors, valid_host
from .content import HUGE_BYTES, file_body, huge_page_chunks, render_page
from .graph import BUSY_FAILURES, MEMBER_COOKIE, MISSING, OTHER, PAGES, ROBOTS_TXT, Kind, Page, find_page

ROBOTS_PATH = "/robots.txt"
FAILING_ON_PURPOSE = ("/broken", "/busy")
"""The paths whose 5xx is the point (500 always; 503 before it answers): the abuse tests allow it of them only."""
MAX_LOG = 1000
"""Answers `SiteCounters` remembers in its log (the oldest go first): a whole crawl of this site is about 70."""
COUNTED = frozenset(PAGES) | {ROBOTS_PATH, MISSING}
"""The names requests are counted under; any other path counts as `OTHER`."""


@dataclass(frozen=True)
class SeenRequest:
    """One answer of the site: when it began and ended (seconds since the counters were reset) and its status.

    `status` is None when the client went away before the answer was ready (a timeout on its side).
    """

    method: str
    path: str
    started: float
    finished: float
    status: int | None


@dataclass(frozen=True)
class CrawlStats:
    """What the site saw since it started or was last reset, as one consistent snapshot."""

    requests: int
    in_flight: int
    max_in_flight: int
    by_path: dict[str, int]
    by_status: dict[int, int]
    log: tuple[SeenRequest, ...]
    """In the order the answers ended; sort by `started` for the order requests came in."""


class SiteCounters:
    """The site's counters, safe to read and reset from any thread while the site serves requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._in_flight = 0
        self.reset()

    def reset(self) -> None:
        """Start counting afresh: zero counts, an empty log, and /busy fails again (requests still running go on)."""
        with self._lock:
            self._epoch = time.monotonic()
            self._requests = 0
            self._max_in_flight = self._in_flight
            self._by_path: Counter[str] = Counter()
            self._by_status: Counter[int] = Counter()
            self._log: deque[SeenRequest] = deque(maxlen=MAX_LOG)
            self._busy_attempts = 0

    def started(self, path: str) -> float:
        """Count a request for `path` (a name in `COUNTED` or `OTHER`) as in flight; return when it began."""
        with self._lock:
            self._requests += 1
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
            self._by_path[path] += 1
            return time.monotonic() - self._epoch

    def finished(self, method: str, path: str, started: float, status: int | None) -> None:
        with self._lock:
            self._in_flight -= 1
            if status is not None:
                self._by_status[status] += 1
            self._log.append(SeenRequest(method, path, started, time.monotonic() - self._epoch, status))

    def next_busy_attempt(self) -> int:
        """Count one more request for /busy and return its number since the last reset, starting at 1."""
        with self._lock:
            self._busy_attempts += 1
            return self._busy_attempts

    def snapshot(self) -> CrawlStats:
        with self._lock:
            return CrawlStats(
                requests=self._requests,
                in_flight=self._in_flight,
                max_in_flight=self._max_in_flight,
                by_path=dict(sorted(self._by_path.items())),
                by_status=dict(sorted(self._by_status.items())),
                log=tuple(self._log),
            )


COUNTERS = web.AppKey("crawl site counters", SiteCounters)


def site_counters(app: web.Application) -> SiteCounters:
    """The counters of a crawl site app: ``site_counters(app).snapshot().max_in_flight`` in a check."""
    return app[COUNTERS]


def _path_qs(request: web.Request) -> str:
    return request.path + (f"?{request.query_string}" if request.query_string else "")


def counted_name(path_qs: str) -> str:
    """The name a request for `path_qs` is counted under: its page's URL, robots.txt, /missing, or `OTHER`."""
    page = find_page(path_qs)
    if page is not None:
        return page.url
    path = path_qs.split("?", 1)[0]
    return path if path in COUNTED else OTHER


@web.middleware
async def count_requests(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Count every request while it is answered (404s and refusals too), and log how it ended."""
    counters = request.app[COUNTERS]
    name = counted_name(_path_qs(request))
    started = counters.started(name)
    status = None
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        counters.finished(request.method, name, started, status)


def site_origin(request: web.Request) -> str:
    """The site's own origin for absolute links: the Host the client used if it names this site, else 127.0.0.1."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    port = sockname[1] if sockname else 0
    own = {f"127.0.0.1:{port}", f"localhost:{port}"}
    return f"http://{request.host if request.host in own else f'127.0.0.1:{port}'}"


def _html(page: Page, request: web.Request) -> web.Response:
    return web.Response(text=render_page(page, site_origin(request)), content_type="text/html", charset="utf-8")


async def _huge(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
    response.content_length = HUGE_BYTES
    await response.prepare(request)
    if request.method == "HEAD":
        return response
    try:
        for chunk in huge_page_chunks():
            await response.write(chunk)
        await response.write_eof()
    except ConnectionError:  # a crawler with a size cap hangs up after the headers: that is the point
        pass
    return response


async def serve_page(request: web.Request) -> web.StreamResponse:
    """A page of the table (`graph.PAGES`), answered the way its kind says, after its delay."""
    page = find_page(_path_qs(request))
    if page is None:  # cannot happen: every route is the path of a page
        raise web.HTTPNotFound()
    await asyncio.sleep(page.delay)
    if page.kind is Kind.REDIRECT:
        return web.Response(status=page.redirect_status, headers={"Location": page.location})
    if page.kind is Kind.BROKEN:
        return error_response(500, f"{page.url} always fails, on purpose")
    if page.kind is Kind.BUSY and request.app[COUNTERS].next_busy_attempt() <= BUSY_FAILURES:
        return error_response(503, f"{page.url} is busy: try again (its first request fails, on purpose)")
    if page.kind is Kind.MEMBERS and request.cookies.get(MEMBER_COOKIE[0]) != MEMBER_COOKIE[1]:
        raise client_error(web.HTTPForbidden, f"members only: /account/login sets the {MEMBER_COOKIE[0]!r} cookie")
    if page.kind is Kind.HUGE:
        return await _huge(request)
    if page.kind is Kind.FILE:
        return web.Response(body=file_body(page.url), content_type=page.media_type)
    response = _html(page, request)
    if page.kind is Kind.LOGIN:
        response.set_cookie(*MEMBER_COOKIE, path="/", httponly=True)
    return response


async def robots_txt(request: web.Request) -> web.Response:
    """The site's robots.txt (`graph.ROBOTS_TXT`)."""
    return web.Response(text=ROBOTS_TXT, content_type="text/plain", charset="utf-8")


def create_crawl_app() -> web.Application:
    """A new crawl site app with counters of its own (``serving(create_crawl_app())`` in a check)."""
    app = web.Application(middlewares=[count_requests, json_errors, valid_host])
    app[COUNTERS] = SiteCounters()
    app.router.add_get(ROBOTS_PATH, robots_txt)
    for path in dict.fromkeys(url.split("?", 1)[0] for url in PAGES):
        app.router.add_get(path, serve_page)
    return app
