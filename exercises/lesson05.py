"""Exercises of lesson 05: JSON only from a successful response, text in the charset you know, JSON sent as text.

Each check serves responses of its own (statuses, Content-Types and bodies the local server does not
make) from a small aiohttp.web app on 127.0.0.1 (`check_server.serving`), and hands the learner's
function a session of its own that counts the requests made through it.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import aiohttp
from aiohttp import web

from local_server.endpoints.formats import CHARSET_SAMPLES

from .check_server import serving
from .core import NotYet, exercise, expect, expect_response_error, expect_type
from .sessions import GivenSession, given_session

# ---------------------------------------------------------------------------------------------------
# What the three checks share: a server of the check's own, and a session that sees every request.


@asynccontextmanager
async def _serving_responses(
    routes: dict[str, Callable[[], web.Response]],
) -> AsyncIterator[tuple[str, GivenSession]]:
    """Serve `routes` (path -> a function making the response) on 127.0.0.1; yield the base URL and a session."""

    def handler(make: Callable[[], web.Response]):
        async def respond(request: web.Request) -> web.Response:
            return make()

        return respond

    app = web.Application()
    for path, make in routes.items():
        app.router.add_get(path, handler(make))
    async with serving(app) as base_url, given_session() as given:
        yield base_url, given


def _response(status: int, body: bytes, content_type: str) -> Callable[[], web.Response]:
    return lambda: web.Response(status=status, body=body, headers={"Content-Type": content_type})


def _token() -> str:
    """A value the learner cannot know in advance: the answer must come from the response."""
    return secrets.token_hex(4)


# ---------------------------------------------------------------------------------------------------
# 05.1 fetch_json: the parsed body of a successful response; ClientResponseError for an error status.

ERROR_CASES = (
    # (path, status, Content-Type, body): an error body may be JSON too, and look like data.
    ("/missing", 404, "application/json", b'{"error": "no such item", "items": []}'),
    ("/unavailable", 503, "text/plain; charset=utf-8", b"Service Unavailable: try again in a minute\n"),
    ("/broken", 500, "application/json", b'{"item": 0, "name": "placeholder"}'),
)


async def _expect_raises_for(fetch_json, session: aiohttp.ClientSession, url: str, status: int, body: bytes) -> None:
    what = f"for a {status} response"

    def parsed_before_checking(exc: aiohttp.ClientResponseError) -> None:
        if isinstance(exc, aiohttp.ContentTypeError):
            raise NotYet(
                f"{what} your function raised ContentTypeError: it tried to parse the error page as JSON before "
                "looking at the status. Check the status first, and raise for an error before reading the body"
            )

    def returned(result: Any) -> str:
        if result is None:
            return (
                f"{what} your function returned None; the task asks it to raise aiohttp.ClientResponseError "
                "(resp.raise_for_status() does), so that an error can never be mistaken for an empty answer"
            )
        error_body = json.loads(body) if body.startswith(b"{") else body.decode()
        if result == error_body:
            return (
                f"{what} your function returned the error body {result!r} as if it were the data: a body is no "
                "proof of success. Check resp.status (or call resp.raise_for_status()) before trusting the body"
            )
        return f"{what} your function returned {result!r}; it should raise aiohttp.ClientResponseError"

    await expect_response_error(
        fetch_json(session, url), status, f"{what} your function", returned, first=parsed_before_checking
    )


@exercise(
    "05.1",
    "JSON from a successful response only; ClientResponseError for an error status",
    "fetch_json",
    (
        "Look at the status before you look at the body: an error response can carry JSON too, "
        "and aiohttp has a method that raises the right exception when the status is 400 or more.",
        "Make the request with the session you were given and, inside its `async with` block, call "
        "`resp.raise_for_status()` before anything else: for a status of 400 or more it raises "
        "aiohttp.ClientResponseError with `.status` set. Only then read the body with `resp.json()`. "
        "(Or pass `raise_for_status=True` to `session.get`, which raises before the block starts.)",
    ),
)
async def check_fetch_json(fetch_json) -> None:
    token = _token()
    good = {"item": 7, "name": "Grüße aus Köln", "token": token}
    routes = {"/item": _response(200, json.dumps(good, ensure_ascii=False).encode(), "application/json; charset=utf-8")}
    for path, status, content_type, body in ERROR_CASES:
        routes[path] = _response(status, body, content_type)

    async with _serving_responses(routes) as (base, counting):
        result = await fetch_json(counting.session, f"{base}/item")
        expect_type(result, dict, "fetch_json", "the parsed JSON body (here a dict)")
        expect(result == good, f"for a 200 response fetch_json returned {result!r}; the server sent {good!r}")
        counting.expect_used("fetch_json", 1)

        for path, status, _content_type, body in ERROR_CASES:
            await _expect_raises_for(fetch_json, counting.session, f"{base}{path}", status, body)
        counting.expect_used("fetch_json", 1 + len(ERROR_CASES))


# ---------------------------------------------------------------------------------------------------
# 05.2 read_text: the body decoded with the charset the caller knows, whatever the header says.


@dataclass(frozen=True)
class _TextCase:
    path: str
    charset: str
    """The charset the text is really in: what the check passes to read_text."""
    content_type: str
    """What the server says about it: nothing, the truth, or a wrong charset."""

    def expected(self, token: str) -> str:
        return f"{CHARSET_SAMPLES[self.charset].rstrip()} #{token}\n"

    @property
    def declared(self) -> str | None:
        _, _, declared = self.content_type.partition("charset=")
        return declared or None


TEXT_CASES = (
    _TextCase("/undeclared", "koi8-r", "text/plain"),
    _TextCase("/declared-right", "iso-8859-1", "text/plain; charset=iso-8859-1"),
    _TextCase("/declared-wrong-silently", "windows-1252", "text/plain; charset=iso-8859-1"),
    _TextCase("/declared-wrong", "shift_jis", "text/html; charset=utf-8"),
)


def _what_was_wrong(case: _TextCase, text: str, body: bytes) -> str:
    """Say what a wrong text is: the header's charset trusted, the bytes read as another charset, or else."""
    got = f"for a text in {case.charset} ({case.content_type!r}) read_text returned {text[:40]!r}…"
    if "\ufffd" in text:
        return (
            f"{got}: each replacement character \ufffd stands for bytes decoded with the wrong charset "
            "(errors='replace' hides the mistake, it does not fix it); decode with the charset you were given"
        )
    if case.declared and text == body.decode(case.declared, errors="replace"):
        return (
            f"{got}: that is the body decoded as {case.declared}, the charset the server declared, and the "
            f"declaration is wrong. The caller knows better: decode with the charset you were given "
            f"({case.charset}) even when the header names another"
        )
    return (
        f"{got}: those are the right bytes decoded with another charset (single-byte charsets never fail, "
        "they just give other letters). Decode with the charset you were given"
    )


@exercise(
    "05.2",
    "decode a text whose charset is declared wrongly or not at all",
    "read_text",
    (
        "The Content-Type header may name no charset, or the wrong one, but the caller tells you the right "
        "one: let it override whatever the header says.",
        "`resp.text()` takes its charset from the header (or falls back to UTF-8); `await resp.text(encoding=...)` "
        "decodes with the one you pass instead, whatever the header says. The charset you were given is the "
        "third argument.",
    ),
)
async def check_read_text(read_text) -> None:
    token = _token()
    routes = {
        case.path: _response(200, case.expected(token).encode(case.charset), case.content_type) for case in TEXT_CASES
    }
    async with _serving_responses(routes) as (base, counting):
        for case in TEXT_CASES:
            body = case.expected(token).encode(case.charset)
            try:
                text = await read_text(counting.session, f"{base}{case.path}", case.charset)
            except UnicodeDecodeError as exc:
                header = (
                    f"names {case.declared}, which is wrong" if case.declared else "names no charset, so UTF-8 was used"
                )
                raise NotYet(
                    f"for a text in {case.charset} served as {case.content_type!r}, decoding failed "
                    f"({exc.encoding} cannot decode byte {exc.object[exc.start]:#04x}): the header {header}. "
                    "Decode with the charset you were given: resp.text(encoding=charset)"
                ) from None
            expect_type(text, str, "read_text", "the decoded text as a str")
            expect(text == case.expected(token), _what_was_wrong(case, text, body))
        counting.expect_used("read_text", len(TEXT_CASES))


# ---------------------------------------------------------------------------------------------------
# 05.3 fetch_prices: JSON served as text/plain, numbers with a fraction as exact Decimals.

PRICES_BODY = """{
  "currency": "EUR",
  "items": [
    {"name": "Kaffee", "price": 2.10, "qty": 3},
    {"name": "Crème brûlée", "price": 4.35, "qty": 1}
  ],
  "rate": 1.0000000000000000000001,
  "token": "%s"
}
"""


def _expected_prices(token: str) -> dict[str, Any]:
    return {
        "currency": "EUR",
        "items": [
            {"name": "Kaffee", "price": Decimal("2.10"), "qty": 3},
            {"name": "Crème brûlée", "price": Decimal("4.35"), "qty": 1},
        ],
        "rate": Decimal("1.0000000000000000000001"),
        "token": token,
    }


def _compare(got: object, expected: object, where: str) -> None:
    """Raise NotYet at the first place where `got` differs from `expected` in value or in type."""
    if isinstance(expected, dict):
        expect(isinstance(got, dict), f"{where} is {type(got).__name__}, not an object (dict)")
        expect(set(got) == set(expected), f"{where} has the keys {sorted(got)}; the server sent {sorted(expected)}")
        for key in expected:
            _compare(got[key], expected[key], f"{where}[{key!r}]")
    elif isinstance(expected, list):
        expect(isinstance(got, list), f"{where} is {type(got).__name__}, not a list")
        expect(len(got) == len(expected), f"{where} has {len(got)} items; the server sent {len(expected)}")
        for index, (got_item, expected_item) in enumerate(zip(got, expected, strict=True)):
            _compare(got_item, expected_item, f"{where}[{index}]")
    elif isinstance(expected, Decimal):
        expect(
            isinstance(got, Decimal),
            f"{where} is the {type(got).__name__} {got!r}, not a Decimal: parse numbers that have a decimal point "
            "as decimal.Decimal (json.loads takes parse_float=...; give resp.json() that as its loads)",
        )
        expect(
            got == expected,
            f"{where} is {got!r}, but the server sent {expected}: digits were lost, because the number went "
            "through a float on the way. Parse it as a Decimal straight from the text",
        )
    elif isinstance(expected, int):
        expect(
            type(got) is int,
            f"{where} is the {type(got).__name__} {got!r}, not an int: only numbers with a decimal point "
            "become Decimal, whole numbers stay int",
        )
        expect(got == expected, f"{where} is {got!r}; the server sent {expected!r}")
    else:
        expect(got == expected, f"{where} is {got!r}; the server sent {expected!r}")


@exercise(
    "05.3",
    "JSON served as text/plain, prices as exact Decimals",
    "fetch_prices",
    (
        "Two things stand in the way: aiohttp refuses to parse JSON that is not labelled as JSON until you "
        "tell it not to check, and the standard JSON parser turns 2.10 into a float unless you give it "
        "another parser.",
        "`await resp.json(content_type=None)` skips the Content-Type check, and `loads=` replaces the parser: "
        "pass a function that calls `json.loads(text, parse_float=decimal.Decimal)` (a lambda, or "
        "functools.partial).",
    ),
)
async def check_fetch_prices(fetch_prices) -> None:
    token = _token()
    body = (PRICES_BODY % token).encode()
    routes = {
        "/prices": _response(200, body, "text/plain; charset=utf-8"),
        "/prices-no-charset": _response(200, body, "text/plain"),
    }
    async with _serving_responses(routes) as (base, counting):
        for path in routes:
            try:
                prices = await fetch_prices(counting.session, f"{base}{path}")
            except aiohttp.ContentTypeError:
                raise NotYet(
                    "your function raised ContentTypeError: resp.json() refuses a body served as text/plain. "
                    "This server labels its JSON wrongly; turn the check off with resp.json(content_type=None)"
                ) from None
            expect_type(prices, dict, "fetch_prices", "the parsed JSON body (here a dict)")
            _compare(prices, _expected_prices(token), "result")
        counting.expect_used("fetch_prices", len(routes))
