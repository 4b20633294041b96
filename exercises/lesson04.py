"""Exercises of lesson 04: values that need escaping sent with params=, a signed link sent byte for byte,
and the URL aiohttp really sent.

Each check serves a small app of its own (`check_server.serving`), which notes every request's path and
query exactly as they arrived (`Received.raw_path`) and as it decoded them (`Received.pairs`): the checks
judge what the server received, not how the answer is written. The learner's function gets a session of
the check's, which counts the requests sent through it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl, unquote, unquote_plus, urlsplit

import aiohttp
from aiohttp import web
from multidict import MultiDict

from local_server.shapes import collapse, json_response

from .check_server import serving
from .core import NotYet, exercise, expect, expect_type, explain_exception

REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=10)
"""The check's session gives each request this long; the check's server answers at once."""

ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


@dataclass(frozen=True)
class Received:
    """One request as the check's server received it."""

    raw_path: str
    """Path and query exactly as they were on the request line, escapes included."""
    pairs: list[tuple[str, str]]
    """The query as the server decoded it: (name, value) pairs in the order they came."""

    @property
    def raw_query(self) -> str:
        return self.raw_path.partition("?")[2]

    def values(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]


@dataclass
class _CheckServer:
    """The check's own app: /get echoes like the local server's, /files/… serves signed links."""

    received: list[Received] = field(default_factory=list)
    signed_files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """path -> (the raw query string the link was signed with, the file's content)."""
    sent_through_session: int = 0
    """Requests sent through the session the check gave the learner's function."""

    def note(self, request: web.Request) -> None:
        self.received.append(Received(request.raw_path, list(request.query.items())))

    def clear(self) -> None:
        self.received.clear()
        self.sent_through_session = 0

    async def echo(self, request: web.Request) -> web.Response:
        """The query args and URL, as the local server's /get shows them."""
        self.note(request)
        return json_response({"args": collapse(request.query), "url": str(request.url)})

    async def signed_file(self, request: web.Request) -> web.Response:
        """The file, when the query string is exactly the one the link was signed with; 403 otherwise."""
        self.note(request)
        if request.path not in self.signed_files:
            return json_response({"error": f"no file {request.path}"}, status=404)
        signed_query, content = self.signed_files[request.path]
        if request.raw_path.partition("?")[2] != signed_query:
            return json_response({"error": "the signature does not match the query string received"}, status=403)
        return web.Response(body=content, content_type="text/plain", charset="utf-8")

    async def _on_request_start(self, session: aiohttp.ClientSession, context: SimpleNamespace, params: Any) -> None:
        self.sent_through_session += 1

    def trace_config(self) -> aiohttp.TraceConfig:
        trace_config = aiohttp.TraceConfig()
        trace_config.on_request_start.append(self._on_request_start)
        return trace_config


@contextlib.asynccontextmanager
async def _check_server() -> AsyncIterator[tuple[_CheckServer, str, aiohttp.ClientSession]]:
    """Serve the check's app on a free port; yield it, its base URL and the session to hand the answer."""
    server = _CheckServer()
    app = web.Application()
    app.router.add_get("/get", server.echo)
    app.router.add_get("/files/{name}", server.signed_file)
    async with (
        serving(app) as base,
        aiohttp.ClientSession(timeout=REQUEST_TIMEOUT, trace_configs=[server.trace_config()]) as session,
    ):
        yield server, base, session


def _last_request(server: _CheckServer, session: aiohttp.ClientSession, call: str) -> Received:
    """The request the learner's function sent, once it is sure it went through the session it was given."""
    expect(server.received, f"{call} never sent a request to the URL it was given")
    expect(
        not session.closed,
        f"{call} closed the session it was given: the caller owns it, and closes it when it is done",
    )
    expect(
        server.sent_through_session,
        f"{call} sent its request through a session of its own, not the one it was given: use "
        "session.get(...), so that every request shares the caller's session and its connections",
    )
    expect(len(server.received) == 1, f"{call} sent {len(server.received)} requests; send one")
    return server.received[-1]


# 04.1 ------------------------------------------------------------------------------------------------

SEARCHES = [
    ("aiohttp", ["python", "http"]),  # plain words: even a query pasted together by hand gets these right
    ("fish & chips = 100% +1 Köln", ["a&b=c", "C++ & C#", "50% off", "café crème", "été/🐍?"]),
    ("naïve", ["x"]),
]


def _escaped_twice(got: str, wanted: str) -> bool:
    return got != wanted and wanted in (unquote(got), unquote_plus(got))


def _search_problem(received: Received, query: str, tags: list[str]) -> str | None:
    """What is wrong with the query the server decoded, in the learner's terms; None when it is right."""
    q_values, tag_values = received.values("q"), received.values("tag")
    others = [(name, value) for name, value in received.pairs if name not in ("q", "tag")]
    if q_values == [query] and tag_values == tags and not others:
        return None
    decoded = ", ".join(f"{name}={value!r}" for name, value in received.pairs) or "no parameters at all"
    compared = [*zip(q_values, [query], strict=False), *zip(tag_values, tags, strict=False)]
    if any(_escaped_twice(got, wanted) for got, wanted in compared):
        return (
            f"the server decoded {decoded}: still escaped, so the values were escaped twice, once by your code "
            "(quote or urlencode) and once more by aiohttp, which escapes the % of your escapes. Give params= "
            "the plain values and let aiohttp escape them, once"
        )
    mangled_tags = len(tag_values) == len(tags) and any(tag not in tags for tag in tag_values)
    if others or q_values != [query] or mangled_tags:
        return (
            f"searching for q={query!r} with tags={tags!r}, the server decoded {decoded}. & = + % # and spaces "
            "have a meaning in a query string: pasted into the URL as they are, they split a value, end it or "
            "change it. Pass the values in params= and aiohttp escapes them"
        )
    return (
        f"the server received the tags {tag_values!r}, not {tags!r}: send one tag= parameter per tag, in order. "
        "A dict holds one value per key; use a list of (name, value) pairs, a MultiDict, or a list as the "
        "dict's value"
    )


@exercise(
    "04.1",
    "a search with repeated keys and values that need escaping",
    "search",
    (
        "Let aiohttp write the query string: hand it the values exactly as they are, and the name tag once for "
        "each tag. Anything you escape yourself gets escaped a second time.",
        "`params=` takes a list of (name, value) pairs in which a name may come back, such as "
        "`[('q', 'fish'), ('tag', 'a'), ('tag', 'b')]`; a `multidict.MultiDict` or a dict whose value is a list "
        "(`{'tag': ['a', 'b']}`) work as well. The server's answer is JSON: `(await resp.json())['args']`.",
    ),
)
async def check_search(search) -> None:
    async with _check_server() as (server, base, session):
        for query, tags in SEARCHES:
            server.clear()
            args = await search(session, f"{base}/get", query, list(tags))
            received = _last_request(server, session, "search")
            problem = _search_problem(received, query, tags)
            if problem:
                raise NotYet(problem)
            expect_type(args, dict, "search", "the args the server decoded (a dict, from its JSON answer)")
            answered = collapse(MultiDict(received.pairs))
            expect(
                args == answered,
                f"search returned {args!r}, not the args the server answered ({answered!r}): "
                "return the 'args' of the server's JSON",
            )


# 04.2 ------------------------------------------------------------------------------------------------

SIGNED_FILES = {
    # Escapes yarl would rewrite (%2F, %3A, %40 decoded; lowercase hex upper-cased) next to ones it keeps.
    "/files/report.csv": (
        "path=%2Freports%2F2024%2Fq1.csv&expires=2030-01-01T00%3A00%3A00Z&user=ana%40example.org"
        "&sig=Zm9v%2Bbar%2Fbaz%3D%3D",
        b"quarter,revenue\nQ1,1200\n",
    ),
    "/files/menu.txt": (
        "name=caf%c3%a9%20menu.txt&expires=2030-06-30T12%3a00%3a00Z&sig=q%2fx%2B7w%3d%3d",
        "Café menu: crème brûlée, 4 €\n".encode(),
    ),
}


def _first_rewritten_escape(sent: str, signed: str) -> str:
    """One escape of the signed query that is not in what was sent, and what became of it."""
    for escape in ESCAPE.findall(signed):
        if sent.count(escape) < signed.count(escape):
            if escape != escape.upper() and escape.upper() in sent:
                return f"{escape} became {escape.upper()}"
            if escape.replace("%", "%25") in sent:
                return f"{escape} became {escape.replace('%', '%25')}"
            return f"{escape} became {unquote(escape)}"
    return "the escapes differ"


def _signed_link_problem(sent: str, signed: str) -> str:
    said = f"the server received ?{sent} but the link says ?{signed}"
    if "%25" in sent and "%25" not in signed:
        return (
            f"{said}: escaped twice ({_first_rewritten_escape(sent, signed)}). The link is already "
            "percent-encoded; tell aiohttp so, and it sends the link as it is"
        )
    if parse_qsl(sent, keep_blank_values=True) == parse_qsl(signed, keep_blank_values=True):
        return (
            f"{said}: the same values, written with other escapes ({_first_rewritten_escape(sent, signed)}). "
            "A URL given as a str is re-quoted by yarl, which writes an escape only where one is needed; but the "
            "signature covers the exact characters, so the server refused the link (403). Tell aiohttp the link "
            "is already encoded, and it sends it character for character"
        )
    return (
        f"{said}: the values changed too (the server decoded {parse_qsl(sent, keep_blank_values=True)}). "
        "Send the link exactly as it was given; do not decode or rebuild it"
    )


@exercise(
    "04.2",
    "send a signed link exactly as it was given",
    "fetch_signed",
    (
        "The link is percent-encoded already, exactly as the server signed it. Your job is to stop aiohttp from "
        "rewriting it on the way out, not to encode or decode anything.",
        "A URL given as a str is parsed and re-quoted by yarl. `yarl.URL(link, encoded=True)` says the string "
        "is encoded already: aiohttp then sends it character for character. Pass that URL object to "
        "`session.get`, check the status, and return `await resp.read()`.",
    ),
)
async def check_fetch_signed(fetch_signed) -> None:
    async with _check_server() as (server, base, session):
        server.signed_files.update(SIGNED_FILES)
        for path, (signed_query, content) in SIGNED_FILES.items():
            server.clear()
            failure: aiohttp.ClientResponseError | None = None
            try:
                body = await fetch_signed(session, f"{base}{path}?{signed_query}")
            except aiohttp.ClientResponseError as exc:  # a raise_for_status() on the 403: say why it came
                failure, body = exc, None
            received = _last_request(server, session, "fetch_signed")
            sent_path = received.raw_path.partition("?")[0]
            expect(sent_path == path, f"fetch_signed requested {sent_path}, not the link's path {path}")
            if received.raw_query != signed_query:
                raise NotYet(_signed_link_problem(received.raw_query, signed_query))
            if failure is not None:
                raise NotYet(explain_exception(failure))
            expect_type(body, bytes, "fetch_signed", "the file's bytes")
            expect(
                body == content,
                f"fetch_signed returned {body[:60]!r}, not the {len(content)} bytes of {path} the server sent",
            )


# 04.3 ------------------------------------------------------------------------------------------------

SENT_URL_CASES = [
    ("/get", {"page": 2, "sort": "-date"}),  # a URL without a query, plain values
    ("/get?lang=de&tag=old", [("tag", "new/2024"), ("q", "Grüße & 100% +1"), ("at", "10:30")]),
]


def _query_pairs(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def _sent_url_problem(returned: str, sent: str, url: str) -> str:
    said = f"you returned {returned!r}, but the request went to {sent!r}"
    if any(char == " " or ord(char) > 127 for char in returned):
        return (
            f"{said}. Yours is the readable form (what human_repr() gives); the request carried the escaped "
            "one: return str() of the URL"
        )
    if returned.count("?") > 1:
        return (
            f"{said}. Your URL has a second '?': url already had a query, and aiohttp adds params to it after "
            "an '&'. Return the URL aiohttp sent (the response knows it) rather than one pasted together"
        )
    own, got, went = _query_pairs(url), _query_pairs(returned), _query_pairs(sent)
    if got == went:
        return (
            f"{said}: the same parameters, written with other escapes (aiohttp leaves / and : as they are in a "
            "query; urlencode escapes them). Return the URL aiohttp itself sent, not one you build"
        )
    if not any(pair in got for pair in own):
        return (
            f"{said}: the parameters already in url ({urlsplit(url).query}) are missing; aiohttp keeps them "
            "and adds params after them"
        )
    if any(pair not in got for pair in own):
        return (
            f"{said}: aiohttp adds params after the query already in url; it does not replace a parameter "
            "of the same name (update_query does that)"
        )
    return said


@exercise(
    "04.3",
    "the URL aiohttp really sent",
    "sent_url",
    (
        "Do not build the URL yourself: after the request, the response can tell you where it went.",
        "`resp.url` is a `yarl.URL`: the URL of the request, with params added to the query already in the "
        "URL and escaped exactly as they were sent. `str()` makes a str of it.",
    ),
)
async def check_sent_url(sent_url) -> None:
    async with _check_server() as (server, base, session):
        for path, params in SENT_URL_CASES:
            server.clear()
            url = f"{base}{path}"
            returned = await sent_url(session, url, params)
            received = _last_request(server, session, "sent_url")
            sent = f"{base}{received.raw_path}"
            expect_type(returned, str, "sent_url", "the URL it sent, as a str")
            if returned != sent:
                raise NotYet(_sent_url_problem(returned, sent, url))
