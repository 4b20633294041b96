"""Exercises of lesson 09: retries with exponential backoff, and a read timeout that gives up on silence only.

Both tasks are about timing, so both checks time what the learner's function does. Each serves an app of its
own (`check_server.serving`) whose handlers note when every request arrived (with `time.monotonic`, the
clock the check reads too), and hands the learner's function a session of its own. The margins are the
lesson's: a wait may end a hundredth of a second before its bound, and up to 0.7 s after it.
"""

from __future__ import annotations

import asyncio
import random
import secrets
import time
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from .check_server import serving
from .core import NotYet, exercise, expect, expect_response_error, expect_type
from .sessions import expect_session_open

EARLY = 0.01
"""How much before its bound a wait may end (a timer may fire a hair early): the lesson's margin."""
LATE = 0.7
"""How much after its bound a wait may end on a busy machine: the lesson's margin."""


def _token() -> str:
    """A value the learner cannot know in advance: the answer must come from the response."""
    return secrets.token_hex(4)


async def _outcome(call: Awaitable[Any]) -> tuple[Any, BaseException | None, float]:
    """Await the learner's call: what it returned, what it raised (timeouts and aiohttp errors only), the seconds."""
    started = time.monotonic()
    try:
        return await call, None, time.monotonic() - started
    except (TimeoutError, aiohttp.ClientError) as exc:  # what these tasks are about: the check explains it
        return None, exc, time.monotonic() - started


# ---------------------------------------------------------------------------------------------------
# 09.1 fetch_with_retries: 429, 5xx and dropped connections retried with exponential backoff; 404 raised at once.

BASE_DELAY = 0.2
"""The base_delay the check passes: waits of 0.2, 0.4, 0.8 and 1.6 s, long enough to be told apart when timed."""
ATTEMPTS = 5
FAILURES = (3, 4)
"""How many times the flaky route fails before it answers 200 (one of these, at random)."""
RETRY_STATUSES = (503, 429, 500, 502)
DROP = None
"""In a route's script: close the connection without an answer."""
BLOCKED_LOOP = 0.35
"""A pause of the check's event loop this long means the learner's code blocked it (time.sleep)."""


@dataclass
class _ScriptedRoute:
    """Answers its requests with the statuses of `script`, one after the other (DROP: no answer), then 200 `body`."""

    script: list[int | None]
    body: dict[str, Any]
    arrivals: list[float] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.arrivals.append(time.monotonic())
        n = len(self.arrivals) - 1
        if n >= len(self.script):
            return web.json_response(self.body)
        status = self.script[n]
        if status is DROP:
            request.transport.close()  # the connection ends without an answer: ServerDisconnectedError
            return web.Response()
        return web.json_response({"error": f"failure {n + 1}", "attempt": n + 1}, status=status)


@asynccontextmanager
async def _serving_routes(routes: dict[str, _ScriptedRoute]) -> AsyncIterator[tuple[str, aiohttp.ClientSession]]:
    app = web.Application()
    for path, route in routes.items():
        app.router.add_get(path, route.handle)
    async with serving(app) as base_url, aiohttp.ClientSession() as session:
        yield base_url, session


@asynccontextmanager
async def _watching_the_loop() -> AsyncIterator[list[float]]:
    """Yield a list that ends up holding the longest pause of this event loop while the block ran."""
    longest = [0.0]

    async def tick() -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            longest[0] = max(longest[0], now - last)
            last = now

    ticker = asyncio.create_task(tick())
    try:
        yield longest
    finally:
        ticker.cancel()
        await asyncio.gather(ticker, return_exceptions=True)


def _failure_script() -> list[int | None]:
    """Three or four failures in a random order, a 429 among them, every one of them worth a retry."""
    n = random.choice(FAILURES)
    script: list[int | None] = [*random.sample([s for s in RETRY_STATUSES if s != 429], n - 1), 429]
    random.shuffle(script)
    return script


def _expect_backoff(route: _ScriptedRoute, base_delay: float) -> None:
    """The pause before the k-th retry was base_delay * 2 ** (k - 1), give or take the lesson's margins."""
    gaps = [later - earlier for earlier, later in zip(route.arrivals, route.arrivals[1:], strict=False)]
    expect(
        gaps[0] >= base_delay - EARLY,
        f"fetch_with_retries retried at once: {gaps[0]:.2f} s passed between the first request and the second. "
        f"Wait before each retry, base_delay * 2 ** (k - 1) seconds before the k-th (here {base_delay} s, then "
        f"{2 * base_delay:g} s…), with `await asyncio.sleep(...)`: a server in trouble needs the time to recover",
    )
    for k, gap in enumerate(gaps, start=1):
        wait = base_delay * 2 ** (k - 1)
        expect(
            gap >= wait - EARLY,
            f"before retry {k} fetch_with_retries waited {gap:.2f} s; it should wait base_delay * 2 ** {k - 1} = "
            f"{wait:g} s: the waits must double each time (exponential backoff), not stay the same",
        )
        expect(
            gap < wait + LATE,
            f"before retry {k} fetch_with_retries waited {gap:.2f} s, longer than base_delay * 2 ** {k - 1} = "
            f"{wait:g} s: the first retry waits base_delay itself, and each later one twice the one before",
        )


def _raised_too_soon(exc: BaseException, route: _ScriptedRoute, scenario: str) -> str:
    """What it means that the learner's function raised `exc` although the route would have answered 200."""
    made = len(route.arrivals)
    requests = f"after {made} request{'s' if made != 1 else ''}"
    if isinstance(exc, aiohttp.ClientResponseError) and exc.status == 429:
        return (
            f"{scenario} fetch_with_retries raised ClientResponseError 429 {requests}. 429 Too Many Requests "
            "means 'come back later': it is worth a retry, like a 5xx status"
        )
    if isinstance(exc, aiohttp.ClientResponseError):
        return (
            f"{scenario} fetch_with_retries raised ClientResponseError {exc.status} {requests}, but a {exc.status} "
            f"is worth a retry, and the server answers 200 after {len(route.script)} failures: retry every 5xx "
            f"status and 429, up to `attempts` requests in all"
        )
    if isinstance(exc, aiohttp.ClientConnectionError):
        return (
            f"{scenario} fetch_with_retries raised {type(exc).__name__} {requests} (aiohttp itself sends a GET "
            "once more when the connection closes without an answer, and the second one was dropped too): a "
            "dropped connection is worth another attempt of yours. Retry aiohttp.ClientConnectionError (its "
            "family holds every connection failure) and TimeoutError too"
        )
    return f"{scenario} fetch_with_retries raised {type(exc).__name__} {requests}: {exc}"


@exercise(
    "09.1",
    "retry 429, 5xx and dropped connections with exponential backoff; raise other errors at once",
    "fetch_with_retries",
    (
        "Make the request in a loop of at most attempts rounds. When a round fails, decide whether the failure is "
        "worth another try: a status of 429 or 500 and more, a connection that failed or was dropped, a timeout. "
        "If it is not, or that was the last round, raise it; otherwise sleep, twice as long as the time before, "
        "and go round again.",
        "Inside `async with session.get(url) as resp:` call `raise_for_status()` on the response, then return "
        "`await resp.json()`. Catch `aiohttp.ClientResponseError` (look at `exc.status`), "
        "`aiohttp.ClientConnectionError` and `TimeoutError`; a bare `raise` re-raises the error you caught. "
        "Before the k-th retry sleep `base_delay * 2 ** (k - 1)` seconds, with `asyncio.sleep`.",
    ),
)
async def check_fetch_with_retries(fetch_with_retries) -> None:
    flaky_body = {"token": _token(), "answer": "at last"}
    dropped_body = {"token": _token(), "answer": "after a dropped connection"}
    routes = {
        "/flaky": _ScriptedRoute(_failure_script(), flaky_body),
        "/drops": _ScriptedRoute([DROP, DROP], dropped_body),  # aiohttp itself retries the first drop of a GET
        "/down": _ScriptedRoute([503] * 20, {}),
        "/missing": _ScriptedRoute([404] * 20, {}),
    }
    async with _serving_routes(routes) as (base, session):
        flaky = routes["/flaky"]
        scenario = f"for a server that fails {len(flaky.script)} times ({', '.join(map(str, flaky.script))}),"
        async with _watching_the_loop() as longest_pause:
            result, exc, _ = await _outcome(fetch_with_retries(session, f"{base}/flaky", ATTEMPTS, BASE_DELAY))
        expect(
            longest_pause[0] < BLOCKED_LOOP,
            f"fetch_with_retries blocked the event loop for {longest_pause[0]:.2f} s: time.sleep() stops every other "
            "task while it waits. Use `await asyncio.sleep(...)`, which lets them run",
        )
        if exc is not None:
            raise NotYet(_raised_too_soon(exc, flaky, scenario))
        expect_type(result, dict, "fetch_with_retries", "the parsed JSON body (here a dict)")
        expect(
            result == flaky_body, f"{scenario} fetch_with_retries returned {result!r}; the server sent {flaky_body!r}"
        )
        expect(
            len(flaky.arrivals) == len(flaky.script) + 1,
            f"{scenario} fetch_with_retries made {len(flaky.arrivals)} requests; the 200 came with request "
            f"{len(flaky.script) + 1}: return as soon as a request succeeds",
        )
        _expect_backoff(flaky, BASE_DELAY)

        drops = routes["/drops"]
        scenario = "for a server that dropped the connection without an answer,"
        result, exc, _ = await _outcome(fetch_with_retries(session, f"{base}/drops", 3, BASE_DELAY))
        if exc is not None:
            raise NotYet(_raised_too_soon(exc, drops, scenario))
        expect(
            result == dropped_body,
            f"{scenario} fetch_with_retries returned {result!r}; the server sent {dropped_body!r}",
        )

        down = routes["/down"]
        scenario = "for a server that answers 503 to every request, fetch_with_retries"

        def returned_while_down(result: Any) -> str:
            return (
                f"{scenario} returned {result!r} after {len(down.arrivals)} requests; when the last attempt fails, "
                "raise its error (a bare `raise` in the except), so that the caller knows it failed and why"
            )

        await expect_response_error(
            fetch_with_retries(session, f"{base}/down", 3, BASE_DELAY), 503, scenario, returned_while_down
        )
        gave_up = time.monotonic()
        made = len(down.arrivals)
        expect(
            made <= 3,
            f"{scenario} made {made} requests with attempts=3: attempts counts every request, the first one included",
        )
        expect(made == 3, f"{scenario} gave up after {made} requests; attempts=3 allows three")
        expect(
            gave_up - down.arrivals[-1] < LATE,
            f"{scenario} raised {gave_up - down.arrivals[-1]:.1f} s after its last request: it waited after the "
            "last attempt, when nothing was left to wait for. Raise as soon as the last attempt has failed",
        )

        missing = routes["/missing"]
        scenario = "for a 404 response fetch_with_retries"

        def returned_for_404(result: Any) -> str:
            return f"{scenario} returned {result!r}; it should raise aiohttp.ClientResponseError (raise_for_status())"

        await expect_response_error(
            fetch_with_retries(session, f"{base}/missing", 3, BASE_DELAY), 404, scenario, returned_for_404
        )
        expect(
            len(missing.arrivals) == 1,
            f"{scenario} made {len(missing.arrivals)} requests: a 404 stays a 404, however often you ask. Retry only "
            "429 and 5xx statuses; raise any other error status at once",
        )
        expect_session_open(session, "fetch_with_retries")


# ---------------------------------------------------------------------------------------------------
# 09.2 fetch_text_unless_stalled: give up on a silence longer than idle, never on a slow but steady body.

IDLE = 0.5
"""The idle the check passes."""
STEADY_PIECES, STEADY_PAUSE = 12, 0.1
"""The steady body: 12 pieces, one every 0.1 s (1.2 s in all, more than twice IDLE; each pause a fifth of it)."""
STALL = 2.0
"""How long the stalling routes stay silent: far longer than IDLE + LATE."""


def _lines(token: str, count: int) -> list[str]:
    return [f"line {n} of {count}, token {token}\n" for n in range(1, count + 1)]


class _QuietServer:
    """Routes that answer at once, slowly but steadily, after a silence, or with a silence half-way through."""

    def __init__(self, token: str) -> None:
        self.quick = "".join(_lines(token, 3))
        self.steady = _lines(token, STEADY_PIECES)
        self.stalled = _lines(token, 6)

    async def send(self, request: web.Request, pieces: list[tuple[float, str]]) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/plain; charset=utf-8"})
        response.content_length = sum(len(piece.encode()) for _, piece in pieces)
        await response.prepare(request)
        try:
            for pause, piece in pieces:
                await asyncio.sleep(pause)
                await response.write(piece.encode())
            await response.write_eof()
        except ConnectionError:  # the client gave up waiting: what a right answer does on a stall
            pass
        return response

    async def quick_route(self, request: web.Request) -> web.Response:
        return web.Response(text=self.quick)

    async def steady_route(self, request: web.Request) -> web.StreamResponse:
        return await self.send(request, [(STEADY_PAUSE if n else 0.0, line) for n, line in enumerate(self.steady)])

    async def silent_route(self, request: web.Request) -> web.Response:
        await asyncio.sleep(STALL)  # nothing at all, not even the status line, for STALL seconds
        return web.Response(text=self.quick)

    async def stalling_route(self, request: web.Request) -> web.StreamResponse:
        half = len(self.stalled) // 2
        pieces = [(0.0, line) for line in self.stalled[:half]] + [(STALL, "".join(self.stalled[half:]))]
        return await self.send(request, pieces)

    async def error_route(self, request: web.Request) -> web.Response:
        return web.Response(status=503, text="Service Unavailable: try again later\n")

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/quick", self.quick_route)
        app.router.add_get("/steady", self.steady_route)
        app.router.add_get("/silent", self.silent_route)
        app.router.add_get("/stalls", self.stalling_route)
        app.router.add_get("/error", self.error_route)
        return app


async def _expect_gives_up(fetch_text_unless_stalled, session, url: str, where: str, *, mid_body: bool) -> None:
    """The call returns None, between IDLE and IDLE + LATE seconds after it started (the server stalls at once)."""
    call = f"for a server that {where}, fetch_text_unless_stalled"
    result, exc, elapsed = await _outcome(fetch_text_unless_stalled(session, url, IDLE))
    if isinstance(exc, TimeoutError) and mid_body:
        raise NotYet(
            f"{call} raised {type(exc).__name__} after {elapsed:.1f} s: your timeout fired in the middle of the body, "
            "as it should, but the try/except must cover the reading of the body too, not only the request: "
            "put the whole `async with` block, body read included, inside the try"
        )
    if isinstance(exc, TimeoutError):
        raise NotYet(
            f"{call} raised {type(exc).__name__} after {elapsed:.1f} s: that is your timeout firing, as it should; "
            "catch it and return None"
        )
    if exc is not None:
        raise NotYet(f"{call} raised {type(exc).__name__}: {exc}")
    if isinstance(result, str) and result:
        raise NotYet(
            f"{call} returned the text after {elapsed:.1f} s: it waited out the whole {STALL:g} s silence. "
            f"Bound each wait for data with idle: aiohttp.ClientTimeout(sock_read=idle) on the request"
        )
    expect(
        result is None,
        f"{call} returned {result!r}; return None when the server stalls, so that the caller can tell a stall "
        "from an empty body",
    )
    expect(
        elapsed >= IDLE - EARLY,
        f"{call} gave up after {elapsed:.2f} s, before the server had been silent for idle={IDLE} s",
    )
    expect(
        elapsed < IDLE + LATE,
        f"{call} returned None only after {elapsed:.1f} s; give up once the server has been silent for idle={IDLE} s",
    )


@exercise(
    "09.2",
    "give up on a server that goes silent for idle seconds, not on a slow but steady one",
    "fetch_text_unless_stalled",
    (
        "One of the four fields of a ClientTimeout bounds each silence of the socket rather than the whole request: "
        "set that one to idle on the request, and turn the timeout it raises into None. The body is read after the "
        "headers, so the silence can come while you read it too.",
        "`session.get(url, timeout=aiohttp.ClientTimeout(sock_read=idle))` raises aiohttp.SocketTimeoutError (a "
        "TimeoutError) whenever no data arrives for idle seconds, before the headers or between two pieces of the "
        "body; `total=` would cut a slow but steady body short. Put the whole `async with` block inside "
        "a try whose except catches aiohttp.SocketTimeoutError and returns None, and call `raise_for_status()` on "
        "the response before `await resp.text()`.",
    ),
)
async def check_fetch_text_unless_stalled(fetch_text_unless_stalled) -> None:
    server = _QuietServer(_token())
    async with serving(server.app()) as base, aiohttp.ClientSession() as session:
        result, exc, _ = await _outcome(fetch_text_unless_stalled(session, f"{base}/quick", IDLE))
        if exc is not None:
            raise NotYet(f"for a server that answers at once fetch_text_unless_stalled raised {type(exc).__name__}")
        expect_type(result, str, "fetch_text_unless_stalled", "the body as text (a str)")
        expect(
            result == server.quick, f"fetch_text_unless_stalled returned {result!r}; the server sent {server.quick!r}"
        )

        steady = "".join(server.steady)
        result, exc, elapsed = await _outcome(fetch_text_unless_stalled(session, f"{base}/steady", IDLE))
        gave_up = f"{type(exc).__name__}" if exc is not None else f"{result!r}"[:40]
        expect(
            exc is None and result == steady,
            f"for a body that trickles in (a piece every {STEADY_PAUSE} s, {STEADY_PIECES * STEADY_PAUSE:.1f} s in "
            f"all), fetch_text_unless_stalled gave {gave_up} after {elapsed:.1f} s: it gave up on a server that was "
            f"still sending. idle={IDLE} bounds each silence, not the whole download: ClientTimeout(sock_read=...) "
            "does that, total= (or asyncio.timeout around everything) does not",
        )

        silent, stalls = f"sends nothing for {STALL:g} s", f"sends half its body, then nothing for {STALL:g} s"
        await _expect_gives_up(fetch_text_unless_stalled, session, f"{base}/silent", silent, mid_body=False)
        await _expect_gives_up(fetch_text_unless_stalled, session, f"{base}/stalls", stalls, mid_body=True)

        def returned_error_page(result: Any) -> str:
            return (
                f"for a 503 response fetch_text_unless_stalled returned {result!r}: the error page, as if it were the "
                "body. Check the status first: resp.raise_for_status() raises aiohttp.ClientResponseError"
            )

        await expect_response_error(
            fetch_text_unless_stalled(session, f"{base}/error", IDLE),
            503,
            "for a 503 response fetch_text_unless_stalled",
            returned_error_page,
        )
        expect_session_open(session, "fetch_text_unless_stalled")
