"""Exercises of lesson 12: at most k requests in flight, new and reused connections, a timeout without the queue.

Each check serves an app of its own (`check_server.serving`) with a `RequestLog`, which notes every request
the server received and the most it was answering at once: what "in flight" means seen from the server.
12.1 also times the whole fan-out, 12.2 compares the learner's counts with the TCP connections the server
saw (numbered by the local server's own middleware), and 12.3 hands the learner a session whose pool holds
two connections and checks that every request reached the server.
"""

from __future__ import annotations

import asyncio
import random
import secrets
import time
from collections.abc import Sequence
from typing import Any

import aiohttp
from aiohttp import web

from local_server.middleware import CONNECTION, number_connections

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type
from .sessions import closing_sessions_made, given_session

EARLY = 0.01
"""How much before its bound a wait may end (a timer may fire a hair early)."""
LATE = 0.6
"""How much longer than its schedule a fan-out may take on a busy machine: well under what a wrong answer adds."""


def _token() -> str:
    """A value the learner cannot know in advance: the answer must come from the response."""
    return secrets.token_hex(4)


def _sliding_window(durations: Sequence[float], k: int) -> float:
    """How long `durations` take with k at a time, each one started as soon as one of the k finishes."""
    free_at = [0.0] * k
    for duration in durations:
        slot = free_at.index(min(free_at))
        free_at[slot] += duration
    return max(free_at)


def _in_groups(durations: Sequence[float], k: int) -> float:
    """How long `durations` take in groups of k, each group waiting for its slowest before the next starts."""
    return sum(max(durations[n : n + k]) for n in range(0, len(durations), k))


# ---------------------------------------------------------------------------------------------------
# 12.1 fetch_all_bounded: every URL, at most k in flight, the next one started as soon as one finishes.

BOUND = 3
WORK = (0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1)
"""Seconds each URL takes to answer: 1.3 s with 3 kept busy, 2.5 s in groups of 3, 3.3 s one after another."""
SECOND_BOUND = 2
SECOND_WORK = (0.2,) * 6
"""A second round with another k: an answer that wrote the first k in is caught here."""


class _Work:
    """`/work/{n}?seconds=s` answers after s seconds with a line naming n and a token."""

    def __init__(self) -> None:
        self.token = _token()
        self.log = RequestLog()

    def text(self, n: int) -> str:
        return f"item {n}, token {self.token}\n"

    async def work(self, request: web.Request) -> web.Response:
        await asyncio.sleep(float(request.query["seconds"]))
        return web.Response(text=self.text(int(request.match_info["n"])))

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.log.middleware])
        app.router.add_get("/work/{n}", self.work)
        return app


async def _expect_bounded_fan_out(fetch_all_bounded, work: _Work, base: str, durations: Sequence[float], k: int):
    urls = [f"{base}/work/{n}?seconds={seconds}" for n, seconds in enumerate(durations)]
    call = f"fetch_all_bounded(urls, {k})"
    work.log.requests.clear()
    work.log.most_in_flight = 0
    async with closing_sessions_made() as sessions:
        started = time.monotonic()
        texts = await fetch_all_bounded(list(urls), k)
        elapsed = time.monotonic() - started
        still_open = [session for session in sessions if not session.closed]

    expect_type(texts, list, call, "a list with the text of each response")
    expected = [work.text(n) for n in range(len(urls))]
    expect(
        sorted(map(str, texts)) == sorted(expected),
        f"{call} returned {texts!r}; the server answered {expected!r}: return `await resp.text()` of each URL",
    )
    expect(
        texts == expected,
        f"{call} returned the texts in the order the answers finished, not in the order of urls: "
        "asyncio.gather(...) gives its results in the order of its arguments",
    )
    expect(
        len(work.log.requests) == len(urls),
        f"the server got {len(work.log.requests)} requests for {len(urls)} URLs: send one request per URL",
    )
    most = work.log.most_in_flight
    expect(
        most > 1,
        f"{call} sent its {len(urls)} requests one after another: the server never had more than one to answer. "
        f"Bounded does not mean one at a time: keep {k} in flight at once",
    )
    expect(
        most <= k,
        f"up to {most} of your requests were in flight at once; at most k={k} may be: make each request wait "
        f"for a free place first (an asyncio.Semaphore({k}) around it), or give the session a pool of k connections",
    )
    expect(
        most == k,
        f"at most {most} of your requests were in flight at once, with k={k}: keep k of them going, "
        "not fewer (is the bound off by one?)",
    )
    expect(
        len(sessions) <= 1,
        f"your {len(urls)} requests went through {len(sessions)} sessions (aiohttp.request() makes one each time "
        "too): make one aiohttp.ClientSession in fetch_all_bounded and send every request through it",
    )
    expect(
        not still_open,
        "the ClientSession fetch_all_bounded made was still open when it returned: make it with "
        "`async with aiohttp.ClientSession() as session:`, which closes it when the block ends",
    )
    window, groups = _sliding_window(durations, k), _in_groups(durations, k)
    expect(
        elapsed < window + LATE,
        f"{call} took {elapsed:.1f} s; with {k} in flight, each next URL started as soon as any one finishes, "
        f"these URLs take {window:.1f} s (in groups of {k} that wait for their slowest, {groups:.1f} s). "
        "Start each request on its own, as soon as there is room, rather than a group at a time",
    )


@exercise(
    "12.1",
    "fetch many URLs with at most k requests in flight, through one session",
    "fetch_all_bounded",
    (
        "Start a task for every URL at once, and make each one wait for a free place before it sends its "
        "request, so that k are running and the next one starts the moment any one ends. Groups of k, one "
        "group after the other, wait for the slowest of each group.",
        "An `asyncio.Semaphore(k)` lets k holders in at a time: `async with semaphore:` around each request "
        "(inside the coroutine you gather). Or make the session with `aiohttp.TCPConnector(limit=k)`, a pool of "
        "k connections, and gather every request. Either way, one session, and `asyncio.gather(*...)` for the "
        "order of the texts.",
    ),
)
async def check_fetch_all_bounded(fetch_all_bounded) -> None:
    work = _Work()
    async with serving(work.app()) as base:
        await _expect_bounded_fan_out(fetch_all_bounded, work, base, WORK, BOUND)
        await _expect_bounded_fan_out(fetch_all_bounded, work, base, SECOND_WORK, SECOND_BOUND)


# ---------------------------------------------------------------------------------------------------
# 12.2 count_connections: how many connections one session opened and how many times it reused one.

PAGES = 8
CLOSING = 2
PAGE_TIME = 0.05
"""How long a page takes: long enough that requests sent together overlap on the server."""
"""How many of the pages answer `Connection: close` (never the last): each makes the next request open a new one."""


class _Pages:
    """`/page/{n}` answers with a line; the pages in `closing` end their connection after their answer."""

    def __init__(self) -> None:
        self.closing = set(random.sample(range(PAGES - 1), CLOSING))
        self.log = RequestLog()
        self.connections: set[int] = set()

    async def page(self, request: web.Request) -> web.Response:
        self.connections.add(request[CONNECTION].connection)
        await asyncio.sleep(PAGE_TIME)
        n = int(request.match_info["n"])
        response = web.Response(text=f"page {n}\n")
        if n in self.closing:
            response.force_close()  # sends `Connection: close`: the client cannot keep this connection
        return response

    def app(self) -> web.Application:
        app = web.Application(middlewares=[number_connections, self.log.middleware])
        app.router.add_get("/page/{n}", self.page)
        return app

    @property
    def expected_connections(self) -> int:
        """One session, one request after another: the first connection, and a new one after each close."""
        return 1 + len(self.closing)


def _expect_two_counts(counts: Any, call: str) -> None:
    expect_type(counts, tuple, call, "a tuple (connections opened, connections reused)")
    expect(len(counts) == 2, f"{call} returned {len(counts)} values; return two: (opened, reused)")
    for value in counts:
        expect(isinstance(value, int), f"{call} returned {counts!r}: both values must be whole numbers (int)")


def _expect_counts(counts: tuple[int, int], pages: _Pages, call: str) -> None:
    opened, reused = counts
    seen = len(pages.connections)
    right = (seen, PAGES - seen)
    if counts == right:
        return
    expect(
        counts != (right[1], right[0]),
        f"{call} returned {counts!r}, the two numbers the other way round: (opened, reused) is {right!r}",
    )
    expect(
        opened != PAGES,
        f"{call} said all {PAGES} requests opened a new connection, but the server saw {seen} connections: "
        "on_request_start is sent for every request; on_connection_create_end only when a new connection "
        "is ready, and on_connection_reuseconn when a request takes a kept-alive one",
    )
    expect(
        counts != (1, PAGES - 1),
        f"{call} returned {counts!r}, as if one connection had carried every request; the server saw {seen} "
        f"connections, because {CLOSING} of its answers said `Connection: close`. Count what the session "
        "really did, with the tracing signals on_connection_create_end and on_connection_reuseconn",
    )
    expect(
        reused != 0,
        f"{call} counted no reused connection, but {PAGES - seen} requests took a kept-alive one from the pool: "
        "that is the signal on_connection_reuseconn (on_connection_queued_start is for requests that wait "
        "for a free connection, which one request at a time never does)",
    )
    raise NotYet(f"{call} returned {counts!r}; the server saw {seen} connections for {PAGES} requests: {right!r}")


@exercise(
    "12.2",
    "count the connections a session opened and the ones it reused",
    "count_connections",
    (
        "aiohttp tells a TraceConfig about every step of a request. Two of those steps tell a new connection "
        "from a kept-alive one taken from the pool: count each in a callback, while one session fetches the "
        "URLs one after the other.",
        "Make an `aiohttp.TraceConfig()`, append an `async def` callback (taking session, context and params) "
        "to `trace.on_connection_create_end` and another to `trace.on_connection_reuseconn`, and pass "
        "`trace_configs=[trace]` to the ClientSession. Read each body inside its `async with` block, so that "
        "the connection goes back to the pool.",
    ),
)
async def check_count_connections(count_connections) -> None:
    pages = _Pages()
    call = "count_connections(urls)"
    async with serving(pages.app()) as base:
        urls = [f"{base}/page/{n}" for n in range(PAGES)]
        async with closing_sessions_made() as sessions:
            counts = await count_connections(list(urls))
            still_open = [session for session in sessions if not session.closed]

    _expect_two_counts(counts, call)
    received = len(pages.log.requests)
    expect(received == PAGES, f"the server got {received} requests for {PAGES} URLs: send one request per URL")
    expect(
        pages.log.most_in_flight == 1,
        f"{call} sent up to {pages.log.most_in_flight} requests at once; send them one after another, so that "
        "each can take the connection the one before gave back",
    )
    expect(
        len(sessions) <= 1,
        f"your {PAGES} requests went through {len(sessions)} sessions: each new session opens connections of its "
        "own, so none is ever reused. Make one ClientSession and send every request through it",
    )
    expect(
        not still_open,
        "the ClientSession count_connections made was still open when it returned: make it with "
        "`async with aiohttp.ClientSession(trace_configs=[...]) as session:`",
    )
    seen = len(pages.connections)
    expect(
        seen <= pages.expected_connections,
        f"the server saw {seen} connections for {PAGES} requests, where a session that keeps its connections "
        f"alive needs {pages.expected_connections}: keep the default connector (no force_close=True) and read "
        "each body inside its `async with` block, so that its connection goes back to the pool",
    )
    _expect_counts(counts, pages, call)


# ---------------------------------------------------------------------------------------------------
# 12.3 fetch_each_within: every request gets its seconds once it is sent, not while it waits for the pool.

POOL = 2
SECONDS = 0.8
FAST = 0.3
"""A fast URL's answer, well within SECONDS once it is sent (but not when it first waits 0.6 s for the pool)."""
STUCK = 3.0
"""The URL that answers only after this long: a right answer gives up on it after SECONDS."""
TRICKLE_PIECES, TRICKLE_PAUSE = 20, 0.1
"""The URL that sends a byte every 0.1 s for 2 s: never silent for long, but far longer than SECONDS in all."""
ROUTES = ("fast", "fast", "stuck", "fast", "fast", "trickle", "fast", "fast")


class _SlowAndFast:
    """`/fast/{n}` answers after FAST seconds, `/stuck/{n}` after STUCK, `/trickle/{n}` a byte at a time."""

    def __init__(self) -> None:
        self.token = _token()
        self.log = RequestLog()

    def text(self, kind: str, n: int) -> str:
        if kind == "trickle":
            return "*" * TRICKLE_PIECES
        return f"{kind} {n}, token {self.token}\n"

    async def fast(self, request: web.Request) -> web.Response:
        await asyncio.sleep(FAST)
        return web.Response(text=self.text("fast", int(request.match_info["n"])))

    async def stuck(self, request: web.Request) -> web.Response:
        await asyncio.sleep(STUCK)
        return web.Response(text=self.text("stuck", int(request.match_info["n"])))

    async def trickle(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/plain"})
        response.content_length = TRICKLE_PIECES
        await response.prepare(request)
        try:
            for _ in range(TRICKLE_PIECES):
                await response.write(b"*")
                await asyncio.sleep(TRICKLE_PAUSE)
            await response.write_eof()
        except ConnectionError:  # the client gave up: what a right answer does
            pass
        return response

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.log.middleware])
        app.router.add_get("/fast/{n}", self.fast)
        app.router.add_get("/stuck/{n}", self.stuck)
        app.router.add_get("/trickle/{n}", self.trickle)
        return app


@exercise(
    "12.3",
    "give each request its own time, counted from when it is sent, not while it waits for the pool",
    "fetch_each_within",
    (
        "A total timeout starts counting when the request is made, and a request that finds the pool full "
        "spends its time waiting for a connection, then fails without being sent. Make each request wait for "
        "room before it starts, so that its clock starts when it can really go.",
        "An `asyncio.Semaphore(session.connector.limit)` around each request (`async with semaphore:`) holds it "
        "back until one of the pool's connections is free; inside it, `session.get(url, "
        "timeout=aiohttp.ClientTimeout(total=seconds))` (or `async with asyncio.timeout(seconds):`), and "
        "catch TimeoutError there and return None. Gather one such coroutine per URL.",
    ),
)
async def check_fetch_each_within(fetch_each_within) -> None:
    server = _SlowAndFast()
    call = f"fetch_each_within(session, urls, {SECONDS})"
    async with serving(server.app()) as base, given_session(connector=aiohttp.TCPConnector(limit=POOL)) as given:
        urls = [f"{base}/{kind}/{n}" for n, kind in enumerate(ROUTES)]
        started = time.monotonic()
        results = await fetch_each_within(given.session, list(urls), SECONDS)
        elapsed = time.monotonic() - started
        received = {seen.path_qs for seen in server.log.requests}
        expect_type(results, list, call, "a list with one text (or None) per URL")
        expect(len(results) == len(urls), f"{call} returned {len(results)} results for {len(urls)} URLs: one per URL")
        expect(
            len(received) == len(urls),
            f"the server received only {len(received)} of the {len(urls)} requests: the others timed out while "
            f"they waited for one of the pool's {POOL} connections, before they were ever sent (a total timeout "
            "counts that wait). Let each request wait for room first, with an asyncio.Semaphore sized like "
            "session.connector.limit, and start its timeout only inside it",
        )
        given.expect_used("fetch_each_within", len(urls))  # while the check's session is still open

    for n, (kind, url, result) in enumerate(zip(ROUTES, urls, results, strict=True)):
        path = url.removeprefix(base)
        if kind == "fast":
            expect(
                result is not None,
                f"for {path}, which answers in {FAST} s once it is sent, {call} gave None: the time it spent "
                "waiting for a connection counted against it. Start each request's timeout only when it has room",
            )
            expect(
                result == server.text(kind, n),
                f"for {path} {call} returned {result!r}; the server sent {server.text(kind, n)!r}",
            )
        elif kind == "stuck":
            expect(
                result is None,
                f"for {path}, which answers only after {STUCK:.0f} s, {call} returned its text after waiting for "
                f"it: a request that takes longer than {SECONDS} s once sent must give None. Bound each request "
                "(ClientTimeout(total=seconds), or asyncio.timeout(seconds)), and catch TimeoutError",
            )
        else:
            expect(
                result is None,
                f"for {path}, which sends a byte every {TRICKLE_PAUSE} s for {TRICKLE_PIECES * TRICKLE_PAUSE:.0f} s, "
                f"{call} returned the whole text: sock_read bounds each silence, and this server is never silent "
                f"that long. Bound the whole request to {SECONDS} s: ClientTimeout(total=seconds)",
            )
    durations = [FAST if kind == "fast" else SECONDS for kind in ROUTES]
    schedule = _sliding_window(durations, POOL)
    expect(
        elapsed < schedule + LATE,
        f"{call} took {elapsed:.1f} s; with the pool's {POOL} connections kept busy and each slow request given up "
        f"after {SECONDS} s, these URLs take {schedule:.1f} s. Keep session.connector.limit requests going at once, "
        "and give up on each as soon as its time is up",
    )
