"""Exercises of lesson 07: session default headers with one override, every value of a repeated header, a header
longer than the client's default limit.

Each check serves responses of its own from a small aiohttp.web app on 127.0.0.1 (`check_server.serving`) and
looks at what that server saw (`RequestLog`): the headers of every request, and, for 07.1, the connections
they came over.
"""

from __future__ import annotations

import random
import re
import secrets
import string

import aiohttp
from aiohttp import web
from aiohttp.http import SERVER_SOFTWARE
from aiohttp.typedefs import Handler
from multidict import CIMultiDict

from .check_server import RequestLog, SeenRequest, serving
from .core import NotYet, exercise, expect, expect_type
from .sessions import expect_session_open


def _token() -> str:
    """A value the learner cannot know in advance: the answer must come from the server."""
    return secrets.token_hex(4)


# ---------------------------------------------------------------------------------------------------
# 07.1 fetch_all: one session whose default headers every request carries; one request overrides Accept.

CLIENT_NAME = "inventory-client/1.0"
REQUESTS = (("/items/1", "application/json"), ("/report", "text/csv"), ("/items/2", "application/json"))
"""The paths fetch_all must GET, in this order, and the one Accept each must carry."""


class _ConnectionLog:
    """The connections the check's server was asked over: one entry per request, the transport that carried it.

    The transports are kept (not their ids), so that two connections never share an id.
    """

    def __init__(self) -> None:
        self.transports: list[object] = []

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        self.transports.append(request.transport)
        return await handler(request)

    @property
    def count(self) -> int:
        return len({id(transport) for transport in self.transports})


def _expect_request_headers(seen: SeenRequest, accept: str, api_key: str) -> None:
    where = f"the request to {seen.path_qs}"
    keys = seen.headers.getall("X-Api-Key", [])
    expect(
        keys,
        f"{where} carried no X-Api-Key header: put it in the session's default headers "
        "(aiohttp.ClientSession(headers=...)), so that every request made with the session carries it",
    )
    expect(keys == [api_key], f"{where} carried X-Api-Key {', '.join(keys)!r}; send the api_key argument, once")
    agents = seen.headers.getall("User-Agent", [])
    expect(
        agents,
        f"{where} carried no User-Agent (skip_auto_headers removes it): put 'User-Agent': {CLIENT_NAME!r} in the "
        "session's default headers",
    )
    expect(
        agents != [SERVER_SOFTWARE],
        f"{where} said User-Agent: {SERVER_SOFTWARE}, aiohttp's default: put 'User-Agent': {CLIENT_NAME!r} in the "
        "session's default headers",
    )
    expect(agents == [CLIENT_NAME], f"{where} said User-Agent: {', '.join(agents)}; it should say {CLIENT_NAME}")
    accepts = seen.headers.getall("Accept", [])
    if accepts == [accept]:
        return
    said = f"{where} asked for Accept: {', '.join(accepts) or 'nothing'}"
    if accepts == ["*/*"]:
        raise NotYet(
            f"{said}, aiohttp's default: put 'Accept': 'application/json' in the session's default headers"
            + (", and give the report's request its own Accept" if accept == "text/csv" else "")
        )
    if accept == "text/csv":
        raise NotYet(
            f"{said}; the report is text/csv: give that one request its own headers={{'Accept': 'text/csv'}}, "
            "which replaces the session's default for that request alone"
        )
    if "text/csv" in accepts:
        raise NotYet(
            f"{said}, the report's Accept: the override outlived its request. Changing session.headers changes the "
            "defaults of every later request; pass headers= to the report's request instead"
        )
    raise NotYet(f"{said}; it should ask for {accept} alone")


@exercise(
    "07.1",
    "default headers on the session, one header overridden for one request",
    "fetch_all",
    (
        "Some headers go with every request: give them to the session once, when you make it. The report "
        "wants another type than the rest: give that one request its own value for that header, which wins "
        "for that request only, and leaves the session's defaults as they were. One session, three requests, "
        "one after another.",
        "`aiohttp.ClientSession(headers={...})` holds the defaults: X-Api-Key, User-Agent and "
        "Accept: application/json. `session.get(url, headers={'Accept': 'text/csv'})` replaces Accept for that "
        "request alone (do not change `session.headers`, which every later request would see). Return "
        "`await resp.text()` of each response, in order.",
    ),
)
async def check_fetch_all(fetch_all) -> None:
    api_key = secrets.token_hex(8)
    token = _token()
    bodies = {
        "/items/1": f'{{"item": 1, "token": "{token}"}}',
        "/report": f"item,token\n1,{token}\n2,{token}\n",
        "/items/2": f'{{"item": 2, "token": "{token}"}}',
    }

    async def answer(request: web.Request) -> web.Response:
        content_type = "text/csv" if request.path == "/report" else "application/json"
        return web.Response(text=bodies[request.path], content_type=content_type)

    log, connections = RequestLog(), _ConnectionLog()
    app = web.Application(middlewares=[log.middleware, connections.middleware])
    for path in bodies:
        app.router.add_get(path, answer)
    async with serving(app) as base:
        result = await fetch_all(base, api_key)

    seen = [f"{request.method} {request.path_qs}" for request in log.requests]
    expect(seen, "fetch_all made no request to the check's server: GET base_url + '/items/1', '/report', '/items/2'")
    wanted = [f"GET {path}" for path, _accept in REQUESTS]
    expect(
        seen == wanted,
        f"the check's server saw {', '.join(seen)}; fetch_all must send {', '.join(wanted)}, in that order, "
        "one after another",
    )
    for request, (_path, accept) in zip(log.requests, REQUESTS, strict=True):
        _expect_request_headers(request, accept, api_key)
    expect(
        connections.count == 1,
        f"every header was right, but the three requests came over {connections.count} connections: each "
        "session has its own pool. Make one ClientSession and send the three requests through it, one after "
        "another: they then share one kept-alive connection",
    )
    expect_type(result, list, "fetch_all", "the three bodies, as a list of str")
    expect(len(result) == 3, f"fetch_all returned {len(result)} bodies; return the three, in the order requested")
    for got, (path, _accept) in zip(result, REQUESTS, strict=True):
        expect(
            got == bodies[path],
            f"fetch_all returned {got!r} for {path}; the server sent {bodies[path]!r}: return each body as text",
        )


# ---------------------------------------------------------------------------------------------------
# 07.2 all_values: every value of a header the response repeats, in order, whatever the spelling of its name.

HOP_HEADER = "x-trace-hop"
"""The name the check asks for; its server spells it in several ways."""
HOP_SPELLINGS = ("X-Trace-Hop", "x-trace-hop", "X-TRACE-HOP")
SINGLE_HEADER = "X-Request-Id"


def _hop_values() -> list[str]:
    """Three to six values in an order that is not sorted, one of them with a comma in it, as dates have."""
    values = [f"hop-{secrets.token_hex(3)}" for _ in range(random.randint(3, 6))]
    values[1] = f"{values[1]}; at=Thu, 01 Jan 2026"
    while values == sorted(values):
        random.shuffle(values)
    return values


def _hop_headers(values: list[str]) -> tuple[CIMultiDict[str], list[str]]:
    """The response's headers (the hops between others, in several spellings) and the spelling of each hop.

    The first and the last hop are spelled otherwise than the name asked for, and one in the middle as it:
    the values found by an exact match of names are then neither the first alone nor the last alone.
    """
    others = [spelling for spelling in HOP_SPELLINGS if spelling != HOP_HEADER]
    spellings = [random.choice(HOP_SPELLINGS) for _ in values]
    spellings[0], spellings[-1] = random.choice(others), random.choice(others)
    spellings[random.randrange(1, len(values) - 1)] = HOP_HEADER
    headers: CIMultiDict[str] = CIMultiDict()
    for index, (spelling, value) in enumerate(zip(spellings, values, strict=True)):
        headers.add(spelling, value)
        headers.add(f"X-Other-{index}", _token())
    return headers, spellings


def _what_was_wrong(got: list[str], expected: list[str], spellings: list[str]) -> str:
    call = f"all_values(session, url, {HOP_HEADER!r})"
    sent = f"the server sent {len(expected)} values: {expected!r}"
    if got == expected[:1]:
        return (
            f"{call} returned only the first value, {got!r}; {sent}. resp.headers[name] and .get(name) give the "
            "first value alone: ask the multidict for all of them"
        )
    if got == expected[-1:]:
        return (
            f"{call} returned only the last value, {got!r}; {sent}. A dict keeps one value per name: ask the "
            "multidict for all of them"
        )
    if sorted(got) == sorted(expected):
        return f"{call} returned the right values in another order; {sent}. Keep the order they came in"
    same_spelling = [value for value, spelling in zip(expected, spellings, strict=True) if spelling == HOP_HEADER]
    if got == same_spelling:
        others = sorted(set(spellings) - {HOP_HEADER})
        return (
            f"{call} returned {got!r}, only the values whose name was spelled exactly {HOP_HEADER!r}; {sent}, some "
            f"under {' and '.join(map(repr, others))}. Header names are case-insensitive: match them without case "
            "(resp.headers does)"
        )
    return f"{call} returned {got!r}; {sent}"


async def _expect_values(all_values, session: aiohttp.ClientSession, url: str, name: str, expected: list[str]):
    call = f"all_values(session, url, {name!r})"
    try:
        got = await all_values(session, url, name)
    except KeyError as exc:
        raise NotYet(
            f"{call} raised KeyError: {exc} for a header the response does not have. Return [] then: getall "
            "takes a default as its second argument"
        ) from None
    if isinstance(got, str) and expected and got == expected[0]:
        raise NotYet(
            f"{call} returned the first value alone, as a str ({got!r}): resp.headers[name] and .get(name) give "
            f"only the first of several. Return every value, as a list; the server sent {expected!r}"
        )
    expect_type(got, list, call, "every value of the header, as a list of str")
    expect(all(isinstance(value, str) for value in got), f"{call} returned {got!r}: the values must be str")
    return got


@exercise(
    "07.2",
    "every value of a header the response repeats, in order",
    "all_values",
    (
        "A header the server sends several times arrives as several entries under one name, in whatever "
        "spelling the server chose. Asking for the name the way you ask a dict gives only the first value; "
        "the multidict has a method that gives them all, in order, and an empty list for a name that is "
        "not there.",
        "`resp.headers.getall(name, [])` returns every value in the order the server sent them, whatever the "
        "case of the name, and `[]` when the response has no such header (`getall(name)` alone raises KeyError "
        "then).",
    ),
)
async def check_all_values(all_values) -> None:
    hops = _hop_values()
    hop_headers, spellings = _hop_headers(hops)
    request_id = _token()

    async def many(request: web.Request) -> web.Response:
        return web.Response(text="hops\n", headers=hop_headers)

    async def one(request: web.Request) -> web.Response:
        return web.Response(text="one\n", headers={SINGLE_HEADER: request_id})

    app = web.Application()
    app.router.add_get("/hops", many)
    app.router.add_get("/one", one)
    async with serving(app) as base, aiohttp.ClientSession() as session:
        got = await _expect_values(all_values, session, f"{base}/hops", HOP_HEADER, hops)
        expect(got == hops, _what_was_wrong(got, hops, spellings))
        got = await _expect_values(all_values, session, f"{base}/one", SINGLE_HEADER.lower(), [request_id])
        expect(got == [request_id], f"for a header sent once, all_values returned {got!r}; expected [{request_id!r}]")
        got = await _expect_values(all_values, session, f"{base}/one", "X-Absent", [])
        expect(got == [], f"for a header the response does not have, all_values returned {got!r}; return []")
        expect_session_open(session, "all_values")


# ---------------------------------------------------------------------------------------------------
# 07.3 long_header_length: a header longer than the client's default limit of 8190 bytes, measured.

LONG_HEADER = "X-Long-Header"
LONGEST = 50_000
"""The longest value the task promises."""
LENGTHS = ((8_300, 9_000), (45_000, 49_000))
"""The ranges the check draws its two lengths from: just over the default limit, and near the longest."""
DEFAULT_LIMIT = 8190
TOO_LONG = re.compile(r"Got more than (\d+) bytes when reading")


def _letters(n: int) -> str:
    return "".join(random.choices(string.ascii_letters, k=n))


def _explain_too_long(exc: aiohttp.ClientResponseError, n: int) -> str | None:
    """What a 'Got more than N bytes' error means for the learner's session, or None for another error."""
    found = TOO_LONG.match(exc.message or "")
    if exc.status != 400 or not found:
        return None
    limit = int(found[1])
    what = (
        f"for a header of {n:,} bytes your code raised ClientResponseError 400, 'Got more than {limit} bytes when "
        f"reading…' (aiohttp's parser refused the header; the server sent 200)"
    )
    if limit == DEFAULT_LIMIT:
        return (
            f"{what}: the session still has the default limit of {DEFAULT_LIMIT} bytes. The limit for a header "
            "is max_field_size (max_line_size bounds only the status line): make the session with "
            f"aiohttp.ClientSession(max_field_size=...) large enough for values of up to {LONGEST:,} bytes"
        )
    return (
        f"{what}: a limit of {limit:,} bytes is too small for this header ({n:,} bytes of value plus its "
        f"{len(LONG_HEADER)}-byte name). Allow for values of up to {LONGEST:,} bytes"
    )


@exercise(
    "07.3",
    "the length of a header longer than the client's default limit",
    "long_header_length",
    (
        "The header is longer than the client's default limit of 8190 bytes, so the response fails before "
        "your code sees it. Make a session whose limit for one header is large enough, ask the server, and "
        "measure the value you get back.",
        "`aiohttp.ClientSession(max_field_size=64 * 1024, max_line_size=64 * 1024)`: max_field_size is the "
        "limit for one header, its name and value; max_line_size matters for the status line (and for aiohttp's "
        "pure-Python parser). Then `len(resp.headers['X-Long-Header'])`.",
    ),
)
async def check_long_header_length(long_header_length) -> None:
    lengths = [random.randint(low, high) for low, high in LENGTHS]
    values = {n: _letters(n) for n in lengths}

    async def long_header(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        return web.Response(text="ok\n", headers={LONG_HEADER: values[n]})

    log = RequestLog()
    app = web.Application(middlewares=[log.middleware])
    app.router.add_get(r"/long-header/{n:\d+}", long_header)
    async with serving(app) as base:
        for n in lengths:
            url = f"{base}/long-header/{n}"
            call = "long_header_length(url)"
            asked_before = len(log.requests)
            try:
                got = await long_header_length(url)
            except aiohttp.ClientResponseError as exc:
                raise NotYet(_explain_too_long(exc, n) or f"your code raised {type(exc).__name__}: {exc}") from None
            if got is None:
                expect_type(got, int, call, "the length of the X-Long-Header value, an int")
            expect(
                len(log.requests) > asked_before,
                f"{call} returned {got!r} without asking the server: it made no request. The length must come "
                "from the header the server sends, not from the URL",
            )
            expect(not isinstance(got, bool), f"{call} returned {got!r}; return the length, an int")
            expect_type(got, int, call, "the length of the X-Long-Header value, an int")
            if got == n + len(f"{LONG_HEADER}: "):
                raise NotYet(f"{call} returned {got:,}: that counts the name and ': ' too; the value is {n:,} bytes")
            expect(got == n, f"{call} returned {got:,}; the X-Long-Header value the server sent is {n:,} bytes long")
