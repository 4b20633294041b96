"""Exercises of lesson 20: a response's time to first byte, and which requests reused a connection.

Each check serves an app of its own (`check_server.serving`). 20.1's app sends its headers and its body after
pauses the check chose (headers late, body late, both), so that the time the learner measured can be compared
with when the server really sent its first byte. 20.2's app numbers the TCP connections it accepts (the local
server's own middleware) and ends some of them after their answer; it knows which request came over a
connection it had already seen, and the learner's answer, one per URL, must say the same.
"""

from __future__ import annotations

import asyncio
import random
from numbers import Real
from typing import Any

import aiohttp
from aiohttp import web

from local_server.middleware import CONNECTION, number_connections

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type
from .sessions import closing_sessions_made

EARLY = 0.01
"""How much before its bound a measured time may end (a timer may fire a hair early)."""
LATE = 0.35
"""How much longer than the server's pause a measured time may be on a busy machine: lesson 20's margin too."""


def _expect_closed(sessions: list[aiohttp.ClientSession], call: str) -> None:
    expect(
        all(session.closed for session in sessions),
        f"the ClientSession {call} made was still open when it returned: make it with "
        "`async with aiohttp.ClientSession(trace_configs=[...]) as session:`, which closes it when the block ends",
    )


# ---------------------------------------------------------------------------------------------------
# 20.1 time_to_first_byte: from the start of the request to its response's headers, not to its body.


class _Pauses:
    """`/late?headers=H&body=B`: waits H seconds, sends the status line and headers, waits B, then sends the body."""

    def __init__(self) -> None:
        self.log = RequestLog()

    async def late(self, request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(float(request.query["headers"]))
        response = web.StreamResponse(headers={"Content-Type": "text/plain"})
        body = b"the body, after the headers\n"
        response.content_length = len(body)
        await response.prepare(request)  # a StreamResponse sends its status line and headers here, at once
        try:
            await asyncio.sleep(float(request.query["body"]))
            await response.write(body)
            await response.write_eof()
        except ConnectionError:  # the client stopped reading once it had the headers: allowed
            pass
        return response

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.log.middleware])
        app.router.add_get("/late", self.late)
        return app


def _expect_first_byte_type(measured: Any, call: str) -> None:
    expect_type(measured, Real, call, "the seconds until the headers arrived, as a float")
    expect(not isinstance(measured, bool), f"{call} returned {measured!r}; return the seconds, a float")


def _expect_first_byte(measured: float, call: str, headers: float, body: float) -> None:
    when_headers = f"after {headers:g} s" if headers else "at once"
    when_body = f"{body:g} s later" if body else "right with them"
    what = f"a response whose headers came {when_headers} and its body {when_body}"
    expect(
        measured < 50,
        f"{call} returned {measured:g} for {what}: that looks like milliseconds. Return seconds, as "
        "time.perf_counter() and loop.time() count them",
    )
    expect(
        measured >= headers - EARLY,
        f"{call} returned {measured:.2f} s for {what}: shorter than the {headers:g} s the server waited before it "
        "sent its first byte. Stop the clock when the response's status line and headers have arrived "
        "(on_request_end), not when the request's own headers went out (on_request_headers_sent)",
    )
    if body > LATE:
        expect(
            measured < headers + body - EARLY,
            f"{call} returned {measured:.2f} s for {what}: you timed the body too. The first byte is the first "
            "byte of the response, its status line: stop the clock when the headers are in (on_request_end, or "
            "the moment `async with session.get(...)` gives you the response), before the body is read",
        )
    expect(
        measured < headers + LATE,
        f"{call} returned {measured:.2f} s for {what}, more than {LATE:g} s after the headers came. Start the "
        "clock when the request starts (on_request_start) and stop it as the headers arrive (on_request_end)",
    )


@exercise(
    "20.1",
    "measure a response's time to first byte",
    "time_to_first_byte",
    (
        "The first byte is the first byte of the response, which is its status line: it comes with the headers, "
        "before any of the body. Note the time when the request starts and again when the headers are in, and "
        "return the difference in seconds; the body may come much later and must not count.",
        "An `aiohttp.TraceConfig()` with a callback on `trace.on_request_start` that stores "
        "`time.perf_counter()` on its `context`, and one on `trace.on_request_end` (sent once the status and "
        "headers arrived) that stores the difference; pass `trace_configs=[trace]` to the ClientSession. "
        "`on_response_chunk_received` comes only after the whole body was read: not that one.",
    ),
)
async def check_time_to_first_byte(time_to_first_byte) -> None:
    pauses = _Pauses()
    headers = random.choice((0.25, 0.3, 0.35))
    cases = ((headers, 0.0), (0.0, random.choice((0.6, 0.7))), (headers, 0.6))  # (headers after, body after them)
    call = "time_to_first_byte(url)"
    async with serving(pauses.app()) as base, closing_sessions_made() as sessions:
        for headers_after, body_after in cases:
            url = f"{base}/late?headers={headers_after:g}&body={body_after:g}"
            received = len(pauses.log.requests)
            measured = await time_to_first_byte(url)
            _expect_first_byte_type(measured, call)
            sent = len(pauses.log.requests) - received
            expect(sent == 1, f"{call} sent {sent} requests to the server: send one, to the URL it is given")
            _expect_first_byte(measured, call, headers_after, body_after)
            _expect_closed(sessions, "time_to_first_byte")


# ---------------------------------------------------------------------------------------------------
# 20.2 connection_reused: for each of the URLs fetched at once, whether its request reused a connection.

POOL = 2
FAST = 0.03
SLOW = 0.8
"""The first page takes this long: while it holds one connection, all the others go one after another over the
second (and, after the page that ends its connection, a third), and are done long before it."""
PAGES = 7


class _Pages:
    """`/page/{n}`: answers after FAST seconds (page 0 after SLOW); one page ends its connection after its answer."""

    def __init__(self) -> None:
        self.closing = random.randrange(2, PAGES - 2)
        """Never one of the last two: the page after it opens a connection that a later page then reuses."""
        self.log = RequestLog()
        self.seen: dict[int, tuple[int, int]] = {}
        """Page → (the server's number of the connection it came over, which request it was on that connection)."""

    async def page(self, request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        on = request[CONNECTION]
        self.seen[n] = (on.connection, on.number)
        await asyncio.sleep(SLOW if n == 0 else FAST)
        response = web.Response(text=f"page {n}\n")
        if n == self.closing:
            response.force_close()  # sends `Connection: close`: the client cannot keep this connection
        return response

    def app(self) -> web.Application:
        app = web.Application(middlewares=[number_connections, self.log.middleware])
        app.router.add_get("/page/{n}", self.page)
        return app

    def reused(self) -> list[bool]:
        """What the server saw: True for a page that came over a connection an earlier request had come over."""
        return [self.seen[n][1] > 1 for n in range(PAGES)]


def _describe(flags: list[bool]) -> str:
    return "[" + ", ".join("reused" if flag else "new" for flag in flags) + "]"


@exercise(
    "20.2",
    "say, for each request, whether it reused a connection",
    "connection_reused",
    (
        "Many requests run at once through one session, so a variable all of them share is overwritten by the "
        "others before a request has finished. aiohttp gives each request a context of its own, which every "
        "callback of that request receives: note there whether it got a new connection or a kept-alive one, and "
        "read it back for that request.",
        "Append a callback to `trace.on_connection_create_end` and one to `trace.on_connection_reuseconn`. "
        "Give each request a dict of its own with `session.get(url, trace_request_ctx=noted)`: the callbacks find "
        "it as `context.trace_request_ctx` and write True or False in it. Gather one coroutine per URL "
        "(`asyncio.gather(*...)` keeps their order) through a session made with "
        "`connector=aiohttp.TCPConnector(limit=2)`.",
    ),
)
async def check_connection_reused(connection_reused) -> None:
    pages = _Pages()
    call = "connection_reused(urls)"
    async with serving(pages.app()) as base:
        urls = [f"{base}/page/{n}" for n in range(PAGES)]
        async with closing_sessions_made() as sessions:
            answer = await connection_reused(list(urls))
            still_open = [session for session in sessions if not session.closed]

    expect_type(answer, list, call, "a list with one True or False per URL")
    expect(len(answer) == PAGES, f"{call} returned {len(answer)} values for {PAGES} URLs: one per URL, in order")
    expect(
        all(isinstance(flag, bool) for flag in answer),
        f"{call} returned {answer!r}: give True (the request reused a connection) or False (it opened one) per URL",
    )
    expect(
        len(pages.log.requests) == PAGES,
        f"the server got {len(pages.log.requests)} requests for {PAGES} URLs: send one request per URL",
    )
    expect(
        len(sessions) <= 1,
        f"your {PAGES} requests went through {len(sessions)} sessions: each session has a pool of its own. Make one "
        "ClientSession and send every request through it",
    )
    expect(not still_open, f"the ClientSession {call} made was still open when it returned: use `async with`")
    most = pages.log.most_in_flight
    expect(
        most > 1,
        f"{call} sent its requests one after another (the server never had two at once): fetch them all at once, "
        "with asyncio.gather, and let the pool of two decide which request waits",
    )
    expect(
        most <= POOL,
        f"the server was answering {most} of your requests at once: the session's pool must hold two connections, "
        "`aiohttp.TCPConnector(limit=2)`",
    )
    truth = pages.reused()
    if answer == truth:
        return
    expect(
        sorted(answer) != sorted(truth),
        f"{call} returned {_describe(answer)}; the server saw {_describe(truth)}: the right number of new and "
        "reused connections, given to the wrong requests. Note each request's own answer on its own context "
        "(or in its trace_request_ctx) and return them in the order of urls, not in the order the requests "
        "finished or the connections were made",
    )
    wrong = [n for n in range(PAGES) if answer[n] != truth[n]]
    raise NotYet(
        f"{call} returned {_describe(answer)}; the server saw {_describe(truth)} (page {pages.closing} ended its "
        f"connection after its answer, so the next request had to open one). Wrong for /page/{wrong[0]}: a "
        "variable all the requests share is overwritten by the others while they run at once. Keep each "
        "request's answer on the context its callbacks receive; a request waiting for the pool "
        "(on_connection_queued_end) may still open a new connection"
    )
