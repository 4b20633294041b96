"""Exercises of lesson 03: one session for many requests, every HTTP method, and base_url's rules.

Each check runs a small server of its own, which notes what it saw: the TCP connections the requests came
over, the method and body of each request, the path each one asked for.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from .check_server import serving
from .core import NotYet, exercise, expect, expect_type

CLOSE_WAIT = 1.0
"""How long the check's server waits to see the learner's connections closed once their function has returned.
`await session.close()` closes them before it returns (since aiohttp 3.12.4): this is only a margin."""
PAGES = 5


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- 03.1 ------------------------------------------------------------------------------------------


@dataclass
class _PageServer:
    """A chain of JSON pages, each with an item and the URL of the next page; notes the connections used."""

    items: list[str] = field(default_factory=lambda: [uuid.uuid4().hex[:8] for _ in range(PAGES)])
    requested: list[int] = field(default_factory=list)
    transports: list[asyncio.BaseTransport] = field(default_factory=list)

    async def page(self, request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        self.requested.append(n)
        if request.transport is not None and all(request.transport is not t for t in self.transports):
            self.transports.append(request.transport)
        if n >= len(self.items):
            raise web.HTTPNotFound()
        next_url = str(request.url.with_path(f"/pages/{n + 1}")) if n + 1 < len(self.items) else None
        return web.json_response({"item": self.items[n], "next": next_url})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get(r"/pages/{n:\d+}", self.page)
        return app

    async def open_connections(self) -> int:
        """How many of the connections used are still open, after waiting up to CLOSE_WAIT for them to close."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + CLOSE_WAIT
        while True:
            still_open = sum(not transport.is_closing() for transport in self.transports)
            if not still_open or loop.time() > deadline:
                return still_open
            await asyncio.sleep(0.02)


@exercise(
    "03.1",
    "follow a chain of pages through one session",
    "collect_items",
    (
        "Each page says where the next one is. Every request can go over the same kept-alive connection, "
        "if they all go through one session that lives for the whole loop and is closed at its end.",
        "Open one `aiohttp.ClientSession()` with `async with`, and put a `while url:` loop inside its block. "
        "In the loop, get the page with `session.get(url)` (in its own `async with`), read it with "
        "`await resp.json()`, keep its 'item', and go on with its 'next' URL, which is None on the last page. "
        "Return the list once the session's block has ended.",
    ),
)
async def check_collect_items(collect_items) -> None:
    from lesson_helpers.sessions import unclosed_reports  # the lesson's helper: imported only when checked

    pages = _PageServer()
    async with serving(pages.app()) as base:
        with unclosed_reports() as reports:
            items = await collect_items(f"{base}/pages/0")
        still_open = await pages.open_connections()

    expect_type(items, list, "collect_items", "the list of items, one per page")
    expect(
        items == pages.items,
        f"collect_items returned {items!r}; the {PAGES} pages hold {pages.items!r}. Return the value under "
        "'item' of each page, in the order of the pages, following 'next' until it is None",
    )
    expect(
        sorted(pages.requested) == list(range(PAGES)),
        f"the server was asked for the pages {pages.requested}: fetch each of the {PAGES} pages once",
    )
    expect(
        not reports,
        f"aiohttp reported: {'; '.join(reports)}. collect_items left its ClientSession open when it returned. "
        "Use `async with aiohttp.ClientSession() as session:` around the loop: the session (and its "
        "connection) is closed when the block ends",
    )
    connections = len(pages.transports)
    expect(
        connections == 1,
        f"your {PAGES} requests came over {_plural(connections, 'TCP connection')} (the server counted them); "
        "one session would have sent them all over one kept-alive connection. Each new session, and each "
        "aiohttp.request(), opens connections of its own: create one ClientSession before the loop and send "
        "every request through it",
    )
    expect(
        not still_open,
        "after collect_items returned, its connection to the server was still open: the session that made it "
        "was not closed. Close it before returning: `async with aiohttp.ClientSession() as session:`",
    )


# --- 03.2 ------------------------------------------------------------------------------------------

SEND_CASES = (
    ("GET", None),
    ("POST", "name=Ada&lang=Python"),
    ("PUT", '{"title": "a JSON text, sent as it is"}'),
    ("PATCH", "Grüße ✓"),
    ("DELETE", None),
    ("HEAD", None),
    ("OPTIONS", None),
)
STATUS_FOR = {"POST": 201, "DELETE": 204}
"""What the check's server answers, besides 200: so that the status returned is seen to be the server's."""
METHODS_ALLOWED = tuple(method for method, _ in SEND_CASES)


@dataclass
class _MethodServer:
    """Echoes each request's method and body (with a token of its own); notes what it saw."""

    seen: list[tuple[str, str]] = field(default_factory=list)
    answered: list[tuple[int, str]] = field(default_factory=list)

    async def echo(self, request: web.Request) -> web.Response:
        body = (await request.read()).decode("utf-8", errors="replace")
        self.seen.append((request.method, body))
        status = STATUS_FOR.get(request.method, 200)
        if request.method == "OPTIONS" or status == 204:
            self.answered.append((status, ""))
            return web.Response(status=status, headers={"Allow": ", ".join(METHODS_ALLOWED)})
        text = json.dumps({"method": request.method, "data": body, "token": uuid.uuid4().hex}, ensure_ascii=False)
        self.answered.append((status, "" if request.method == "HEAD" else text))
        return web.Response(status=status, text=text, content_type="application/json")

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/echo", self.echo)
        return app


def _shown(body: str | None) -> str:
    return "no body" if not body else f"the body {body!r}"


@exercise(
    "03.2",
    "send any HTTP method, with or without a body",
    "send",
    (
        "A session has a method for each HTTP method, and a general one that takes the method's name. "
        "The body goes as it is; some answers have no body at all.",
        "`session.request(method, url, data=body)`, used with `async with`, sends any method with the body as "
        "it is (`data=None` sends none). Return the status and the text, `resp.status` and "
        "`await resp.text()`: for HEAD, and for a 204 answer, the text is the empty string.",
    ),
)
async def check_send(send) -> None:
    from lesson_helpers.sessions import ConnectionCounter  # the lesson's helper: imported only when checked

    echo = _MethodServer()
    counter = ConnectionCounter()
    async with serving(echo.app()) as base:
        async with aiohttp.ClientSession(trace_configs=[counter.trace_config]) as session:
            for method, body in SEND_CASES:
                before = len(echo.seen)
                through_session = counter.created + counter.reused
                answer = await send(session, method, f"{base}/echo", body)
                expect_type(answer, tuple, f"send(session, {method!r}, url, body)", "a (status, text) tuple")
                expect(
                    len(answer) == 2,
                    f"send returned a tuple of {len(answer)} items for {method}; return (status, text)",
                )
                expect(
                    len(echo.seen) - before == 1,
                    f"for {method} the server received {_plural(len(echo.seen) - before, 'request')}; send exactly one",
                )
                got_method, got_body = echo.seen[-1]
                expect(
                    got_method == method,
                    f"asked to send {method}, your code sent {got_method}: the server saw a {got_method} request. "
                    "Use the method you are given: session.request(method, ...)",
                )
                expect(
                    got_body == (body or ""),
                    f"for {method} the server received {_shown(got_body)}, not {_shown(body)}. Send the body "
                    "as it is with data=body (json= would encode it as JSON, params= puts it in the URL)",
                )
                expect(
                    counter.created + counter.reused > through_session,
                    f"your {method} request did not go through the session passed to send: use "
                    "`session.request(...)` (or session.get, session.post…), not a new session or aiohttp.request",
                )
                status, text = answer
                expected_status, expected_text = echo.answered[-1]
                expect(
                    status == expected_status,
                    f"for {method} the server answered {expected_status}, and send returned {status!r}: "
                    "return resp.status",
                )
                expect(
                    text == expected_text,
                    f"for {method} send returned the text {text!r}; the server sent "
                    f"{expected_text!r}{' (no body: HEAD answers have none)' if method == 'HEAD' else ''}. "
                    "Return await resp.text()",
                )


# --- 03.3 ------------------------------------------------------------------------------------------


@dataclass
class _ApiServer:
    """Answers any path with a token of its own, and notes which path (and query) was asked for."""

    seen: list[str] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)

    async def anything(self, request: web.Request) -> web.Response:
        self.seen.append(request.path_qs)
        token = self.tokens.setdefault(request.path_qs, uuid.uuid4().hex)
        return web.json_response({"path": request.path_qs, "token": token})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.anything)
        return app


@exercise(
    "03.3",
    "a session with base_url, and paths relative to it",
    "fetch_from_api",
    (
        "Give the session the API's root as its base URL, and mind the three rules of base URLs: where the "
        "root must end, what a path that starts at the root of the server does, and what a full URL does.",
        "`aiohttp.ClientSession(base_url=...)` needs a base URL that ends in '/': add one when it is missing "
        "(`api_root.rstrip('/') + '/'`). A path that starts with '/' would replace the base's path, so strip "
        "the leading '/' (`path.lstrip('/')`); a full URL is fetched as it is. Fetch each path with "
        "`session.get(...)` and return the texts in the order of the paths.",
    ),
)
async def check_fetch_from_api(fetch_from_api) -> None:
    api = _ApiServer()
    async with serving(api.app()) as base:
        absolute = f"{base}/next-page?cursor=2"
        calls = [
            (f"{base}/api/v2", ["users", "users/7?full=1", "/teams", absolute]),
            (f"{base}/api/v2/", ["/status", "users"]),
        ]
        for api_root, paths in calls:
            expected_paths = [
                path.removeprefix(base) if path.startswith("http") else "/api/v2/" + path.lstrip("/") for path in paths
            ]
            api.seen.clear()
            try:
                bodies = await fetch_from_api(api_root, paths)
            except ValueError as exc:
                if "trailing '/'" not in str(exc):
                    raise
                raise NotYet(
                    f"your code raised ValueError: {exc}. A base_url with a path must end in '/': "
                    f"{api_root!r} does not. Add the '/' when it is missing (and only then)"
                ) from None
            call = f"fetch_from_api({api_root.removeprefix(base) or '/'!r} on the check's server, {paths!r})"
            expect_type(bodies, list, call, "a list with the text of each answer")
            for path in expected_paths:
                expect(
                    path in api.seen,
                    f"for {call} the server never saw a request for {path}; it saw {sorted(api.seen)}. "
                    + _base_url_advice(expected_paths, api.seen),
                )
            unexpected = sorted(set(api.seen) - set(expected_paths))
            expect(
                not unexpected,
                f"for {call} the server also saw requests for {unexpected}: fetch only the paths you are given",
            )
            expected_bodies = [api.tokens[path] for path in expected_paths]
            got_tokens = [_token_in(body) for body in bodies]
            expect(
                got_tokens == expected_bodies,
                f"for {call} the texts returned are not the server's answers to the paths, in the order of the "
                "paths: return await resp.text() for each path, in order",
            )


def _token_in(body: object) -> str | None:
    try:
        return json.loads(body)["token"]  # type: ignore[arg-type]
    except (TypeError, ValueError, KeyError):
        return None


def _base_url_advice(expected: list[str], seen: list[str]) -> str:
    """What the paths the server saw instead say about the mistake."""
    if any(path.startswith("/api/v2/http") for path in seen):
        return "A full URL was glued to the base: with base_url, session.get(full_url) fetches it as it is"
    if any("//" in path for path in seen):
        return "A doubled '/' means a '/' was added to a base URL that already ended in one: add it only when missing"
    if any(not path.startswith("/api/v2/") and path not in expected for path in seen):
        return (
            "A path starting with '/' replaces the base URL's path (it starts at the server's root): "
            "strip the leading '/' so that the path is relative to the API's root"
        )
    return "Join each path to the API's root with a session whose base_url is the root, ending in '/'"
