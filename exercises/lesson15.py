"""Exercises of lesson 15: a JSON document the server reads as JSON, a form with repeated fields, a session whose
JSON serializer writes datetimes as ISO 8601 text and Decimals as their digits.

Each check serves an API of its own on 127.0.0.1 (`check_server.serving`) and looks at what that server
received (`_BodyLog`): the method, the exact Content-Type and the raw bytes of every body, and what the server
parsed from them. Its JSON routes are strict, as many real APIs are: they read a body as JSON only when the
Content-Type says JSON (`lesson_helpers.json_api.read_json_document`), and answer 415 otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.typedefs import Handler

from .check_server import serving
from .core import NotYet, exercise, expect, expect_one_post, expect_response_error, expect_type, outcome
from .sessions import GivenSession, given_session

FORM_TYPE = "application/x-www-form-urlencoded"


def _token() -> str:
    """A value the learner cannot know in advance: the answer must come from the server."""
    return secrets.token_hex(4)


@dataclass(frozen=True)
class _Received:
    """One request as the check's server received it: before any handler decided what it means."""

    method: str
    path: str
    content_type: str
    """The Content-Type header exactly as sent ('' when there was none)."""
    body: bytes

    @property
    def mimetype(self) -> str:
        return self.content_type.partition(";")[0].strip().lower()


@dataclass
class _BodyLog:
    """Every request the check's server received, body included. Add `middleware` to the app before serving it."""

    received: list[_Received] = field(default_factory=list)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        body = await request.read()  # kept by aiohttp: the handler reads the same bytes again
        self.received.append(_Received(request.method, request.path, request.headers.get("Content-Type", ""), body))
        return await handler(request)


@asynccontextmanager
async def _serving_api(routes: dict[str, Handler]) -> AsyncIterator[tuple[str, _BodyLog, GivenSession]]:
    """Serve POST `routes` on 127.0.0.1; yield the base URL, the log of bodies, and a session for the learner."""
    log = _BodyLog()
    app = web.Application(middlewares=[log.middleware])
    for path, handler in routes.items():
        app.router.add_post(path, handler)
    async with serving(app) as base_url, given_session() as given:
        yield base_url, log, given


# ---------------------------------------------------------------------------------------------------
# 15.1 create_document: a JSON document, labelled as JSON; an error status raises.


def _document(token: str) -> dict[str, Any]:
    return {
        "title": "Grüße aus Köln",
        "tags": ["async", "http", "😀"],
        "draft": False,
        "rating": 4.5,
        "parent": None,
        "token": token,
    }


def _expect_json_received(request: _Received, document: Any, call: str) -> None:
    """The server received `document` as JSON: labelled application/json, and the bytes parse to it."""
    label = request.content_type or "no Content-Type at all"
    if request.mimetype == FORM_TYPE:
        raise NotYet(
            f"{call} sent a form ({label}): a dict in data= is form-encoded, every value turned into text "
            "(False into 'False', None into 'None'), and this API reads JSON only. Send the document as JSON: "
            "session.post(url, json=document)"
        )
    body_parses = _parses_as(request.body, document)
    if request.mimetype.startswith("text/plain") and body_parses:
        raise NotYet(
            f"{call} sent the right JSON text, but labelled {label!r}: a str in data= is sent as text/plain, so "
            "this API answered 415 Unsupported Media Type and never read it. Use json=document, which labels "
            "the body application/json (or add the header Content-Type: application/json)"
        )
    expect(
        request.mimetype == "application/json",
        f"{call} labelled the body {label!r}; an API that reads JSON wants Content-Type: application/json, "
        "which json=document sets for you",
    )
    try:
        parsed = json.loads(request.body)
    except (ValueError, RecursionError):
        raise NotYet(
            f"{call} sent {request.body[:40].decode(errors='replace')!r}…, which is not JSON (str() of a dict "
            "writes Python, with single quotes and None): let aiohttp serialize the document with json=document"
        ) from None
    if isinstance(parsed, str) and _parses_as(parsed.encode(), document):
        raise NotYet(
            f"{call} sent a JSON string that holds the document's JSON text: it was serialized twice "
            "(json=json.dumps(document)). Pass the document itself: json=document"
        )
    expect(parsed == document, f"the server parsed {parsed!r}; the document was {document!r}: send it unchanged")


def _parses_as(body: bytes, document: Any) -> bool:
    try:
        return json.loads(body) == document
    except (ValueError, RecursionError):
        return False


@exercise(
    "15.1",
    "a JSON document the server reads as JSON; an error status raises",
    "create_document",
    (
        "The server reads the body as JSON only when the request says it is JSON, in a header that one of "
        "the body arguments of session.post sets for you and another does not. Then look at the status "
        "before you trust the reply.",
        "`session.post(url, json=document)` serializes the document and sends `Content-Type: application/json`; "
        "`data=json.dumps(document)` sends the same text as text/plain. Inside the `async with` block call "
        "`resp.raise_for_status()` before `await resp.json()`.",
    ),
)
async def check_create_document(create_document) -> None:
    token = _token()
    document = _document(token)
    reply = {"id": f"doc-{token}", "received": document}
    rejection = {"id": None, "errors": ["a document with this title exists already"]}

    async def create(request: web.Request) -> web.Response:
        from lesson_helpers.json_api import read_json_document  # the lesson's strict API: 415 unless JSON

        received = await read_json_document(request)
        return web.json_response({"id": f"doc-{token}", "received": received}, status=201)

    async def refuse(request: web.Request) -> web.Response:
        from lesson_helpers.json_api import read_json_document

        await read_json_document(request)
        return web.json_response(rejection, status=422)

    async with _serving_api({"/documents": create, "/duplicates": refuse}) as (base, log, given):
        result, exc = await outcome(create_document(given.session, f"{base}/documents", document))
        request = expect_one_post(log.received, "create_document", exc)
        _expect_json_received(request, document, "create_document")
        if exc is not None:
            raise exc
        expect_type(result, dict, "create_document", "the server's reply, parsed from its JSON (a dict)")
        expect(result == reply, f"create_document returned {result!r}; the server replied {reply!r}")
        given.expect_used("create_document", 1)

        def returned(result: Any) -> str:
            if result == rejection:
                return (
                    f"for a 422 response create_document returned the error body {result!r} as if the document "
                    "had been created: check the status (resp.raise_for_status()) before you trust the body"
                )
            return f"for a 422 response create_document returned {result!r}; it should raise ClientResponseError"

        await expect_response_error(
            create_document(given.session, f"{base}/duplicates", document),
            422,
            "for a 422 response create_document",
            returned,
        )
        given.expect_used("create_document", 2)


# ---------------------------------------------------------------------------------------------------
# 15.2 submit_form: name/value pairs as an HTML form sends them, every repeated field kept, in order.


def _fields(token: str) -> list[tuple[str, str]]:
    return [
        ("name", "Zoë Ångström"),
        ("tag", "async"),
        ("tag", "http"),
        ("tag", "aiohttp"),
        ("note", "fish & chips = 5 €, 100% sure?"),
        ("token", token),
    ]


def _expect_form_received(request: _Received, pairs: list[tuple[str, str]], parsed: list[tuple[str, str]]) -> None:
    label = request.content_type or "no Content-Type at all"
    if request.mimetype == "application/json":
        raise NotYet(
            "submit_form sent JSON (application/json): json= is for APIs that read JSON. A form is sent with "
            "data=: pass the pairs themselves, and aiohttp encodes them as application/x-www-form-urlencoded"
        )
    if request.mimetype == "multipart/form-data":
        raise NotYet(
            "submit_form sent multipart/form-data, the encoding for file uploads (lesson 16). The task asks for "
            "the default of an HTML form, application/x-www-form-urlencoded: pass the pairs as data="
        )
    if request.mimetype != FORM_TYPE:
        raise NotYet(
            f"submit_form sent its body labelled {label!r}, so the server did not read it as a form (its form was "
            "empty). A str in data= is sent as text/plain whatever it looks like: pass the pairs themselves "
            "(a list of tuples, or a MultiDict), and aiohttp encodes and labels them"
        )
    names = [name for name, _ in pairs]
    got_names = [name for name, _ in parsed]
    for name in dict.fromkeys(names):
        expected = [value for key, value in pairs if key == name]
        got = [value for key, value in parsed if key == name]
        if len(got) < len(expected) and got:
            raise NotYet(
                f"the server received {len(got)} value(s) for {name!r} ({', '.join(map(repr, got))}); the form "
                f"had {len(expected)}: {', '.join(map(repr, expected))}. A dict keeps one value per key: pass "
                "the list of pairs itself, or a MultiDict, so that every repeated field is sent"
            )
        expect(got, f"the server received no field {name!r}: send every pair you were given")
        expect(
            got == expected,
            f"the field {name!r} arrived as {got!r}; it was {expected!r}. Let aiohttp encode the values "
            "(& = % and letters such as ë must be percent-encoded, which data= does for you)",
        )
    expect(
        got_names == names,
        f"the server received the fields in the order {got_names}; send them as given: {names}",
    )


@exercise(
    "15.2",
    "a form with repeated fields, every value sent",
    "submit_form",
    (
        "The fields come as name/value pairs, and one name comes several times. A dict keeps only one value "
        "per key; the body argument of session.post also accepts the pairs themselves, and encodes them as "
        "an HTML form does.",
        "`session.post(url, data=fields)` with the list of tuples (or a `multidict.MultiDict(fields)`, or an "
        "`aiohttp.FormData(fields)`) sends `application/x-www-form-urlencoded` with every pair, quoted. Check "
        "the status, then return `await resp.json()`.",
    ),
)
async def check_submit_form(submit_form) -> None:
    token = _token()
    pairs = _fields(token)
    reply = {"subscribed": pairs[0][1], "id": f"sub-{token}"}
    parsed_forms: list[list[tuple[str, str]]] = []

    async def subscribe(request: web.Request) -> web.Response:
        if request.content_type not in (FORM_TYPE, "multipart/form-data"):
            return web.json_response({"error": "send a form"}, status=415)
        try:
            form = await request.post()
        except (ValueError, LookupError) as exc:  # a body that does not decode as the form it claims to be
            return web.json_response({"error": f"the form could not be read: {exc}"}, status=400)
        parsed_forms.append([(name, str(value)) for name, value in form.items()])
        return web.json_response(reply)

    async with _serving_api({"/subscribe": subscribe}) as (base, log, given):
        result, exc = await outcome(submit_form(given.session, f"{base}/subscribe", list(pairs)))
        request = expect_one_post(log.received, "submit_form", exc)
        _expect_form_received(request, pairs, parsed_forms[-1] if parsed_forms else [])
        if exc is not None:
            raise exc
        expect_type(result, dict, "submit_form", "the server's reply, parsed from its JSON (a dict)")
        expect(result == reply, f"submit_form returned {result!r}; the server replied {reply!r}")
        given.expect_used("submit_form", 1)


# ---------------------------------------------------------------------------------------------------
# 15.3 make_session: a session whose json= writes datetimes as ISO 8601 text and Decimals as their digits.

ISO_8601 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")
"""ISO 8601 date and time as APIs exchange them (RFC 3339 with its T): a T between date and time, a UTC offset."""


def _events(token: str) -> list[dict[str, Any]]:
    utc = dt.UTC
    cet = dt.timezone(dt.timedelta(hours=2))
    return [
        {
            "event": "payment",
            "at": dt.datetime(2024, 5, 1, 12, 30, tzinfo=utc),
            "amount": Decimal("19.90"),
            "currency": "EUR",
            "items": [{"sku": "café-01", "qty": 2}],
            "token": token,
        },
        {
            "event": "refund",
            "at": dt.datetime(2024, 5, 2, 9, 5, 7, 250_000, tzinfo=cet),
            "amount": Decimal("0.10"),
            "currency": "EUR",
            "items": [],
            "token": token,
        },
        {
            "event": "audit",
            "at": dt.datetime(2024, 12, 31, 23, 59, 59, tzinfo=utc),
            "amount": Decimal("1234567890.000000001"),
            "currency": "JPY",
            "items": [{"seen": [dt.datetime(2024, 12, 30, 8, 0, tzinfo=utc)]}],
            "token": token,
        },
    ]


def _compare_event(got: Any, sent: Any, where: str) -> None:
    """Raise NotYet at the first place where what the server parsed is not what `sent` must become."""
    if isinstance(sent, dict):
        expect(isinstance(got, dict), f"{where} arrived as {got!r}, not an object")
        expect(set(got) == set(sent), f"{where} arrived with the keys {sorted(got)}; it had {sorted(sent)}")
        for key in sent:
            _compare_event(got[key], sent[key], f"{where}[{key!r}]")
    elif isinstance(sent, list):
        expect(isinstance(got, list) and len(got) == len(sent), f"{where} arrived as {got!r}")
        for index, (got_item, sent_item) in enumerate(zip(got, sent, strict=True)):
            _compare_event(got_item, sent_item, f"{where}[{index}]")
    elif isinstance(sent, dt.datetime):
        _compare_datetime(got, sent, where)
    elif isinstance(sent, Decimal):
        expect(
            not isinstance(got, int | float),
            f"{where} arrived as the JSON number {got!r}, not as text: a Decimal turned into a float on the way "
            f"(and {sent} may not survive that). Send its exact digits as a string: str(amount)",
        )
        expect(
            got == str(sent),
            f"{where} arrived as {got!r}; the Decimal was {sent}: send str() of it, which keeps every digit",
        )
    else:
        expect(got == sent, f"{where} arrived as {got!r}; it was {sent!r}")


def _compare_datetime(got: Any, sent: dt.datetime, where: str) -> None:
    expect(
        isinstance(got, str),
        f"{where} arrived as {got!r}, not as ISO 8601 text: a timestamp number loses the UTC offset and is "
        f"ambiguous about its unit. Send datetime.isoformat(), here {sent.isoformat()!r}",
    )
    if got == str(sent) and " " in got:
        raise NotYet(
            f"{where} arrived as {got!r}: that is str(datetime), with a space between date and time. ISO 8601 "
            "puts a T there, and APIs expect it: turn datetimes into text with .isoformat(), not str() "
            f"(here {sent.isoformat()!r})"
        )
    expect(
        ISO_8601.fullmatch(got),
        f"{where} arrived as {got!r}, which is not ISO 8601 date-and-time text with its UTC offset; send "
        f"datetime.isoformat(), here {sent.isoformat()!r}",
    )
    parsed = dt.datetime.fromisoformat(got)
    expect(
        parsed == sent and parsed.utcoffset() == sent.utcoffset(),
        f"{where} arrived as {got!r}, which is not the moment that was sent ({sent.isoformat()}): keep the "
        "datetime and its offset as they are",
    )


async def _post_event(session: aiohttp.ClientSession, url: str, event: dict[str, Any]) -> int:
    """What a caller of make_session does: json=event; the status. The serializer's errors in the learner's terms."""
    try:
        async with session.post(url, json=event) as resp:
            return resp.status
    except AttributeError as exc:
        if "'bytes' object has no attribute 'encode'" in str(exc):
            raise NotYet(
                "the session's json_serialize returned bytes (orjson.dumps does), and json_serialize must return "
                "a str, which aiohttp encodes. Pass a bytes serializer as json_serialize_bytes= instead (aiohttp "
                "3.14), or decode its result"
            ) from None
        raise
    except TypeError as exc:
        raise NotYet(
            f"posting json=event raised TypeError: {exc}. The session's serializer met a datetime or a Decimal "
            "it cannot write: give it a default= function that turns a datetime into .isoformat() text and a "
            "Decimal into str(), and pass that serializer to aiohttp.ClientSession(json_serialize=...)"
        ) from None


@exercise(
    "15.3",
    "a session whose JSON serializer writes datetimes as ISO 8601 text and Decimals as their digits",
    "make_session",
    (
        "The standard JSON serializer refuses datetimes and Decimals, but it takes a function that it calls "
        "for every value it cannot write. A session can be given the serializer that every json= request "
        "made with it then uses.",
        "`json.dumps(obj, default=...)`: the default gets the datetime or the Decimal and returns what to write "
        "instead (`value.isoformat()`, `str(value)`). Give `functools.partial(json.dumps, default=...)` to "
        "`aiohttp.ClientSession(json_serialize=...)`; for orjson, whose dumps returns bytes, use "
        "`json_serialize_bytes=` instead.",
    ),
    is_async=False,
)
async def check_make_session(make_session) -> None:
    token = _token()
    events = _events(token)
    parsed: list[Any] = []

    async def record(request: web.Request) -> web.Response:
        from lesson_helpers.json_api import read_json_document

        parsed.append(await read_json_document(request))
        return web.json_response({"recorded": True}, status=201)

    log = _BodyLog()
    app = web.Application(middlewares=[log.middleware])
    app.router.add_post("/events", record)
    async with serving(app) as base:
        session = make_session()
        expect_type(session, aiohttp.ClientSession, "make_session", "a new aiohttp.ClientSession")
        try:
            expect(not session.closed, "make_session returned a closed session: return it open, the caller closes it")
            for number, event in enumerate(events, start=1):
                status = await _post_event(session, f"{base}/events", event)
                request = log.received[-1]
                expect(
                    request.mimetype == "application/json",
                    f"json=event arrived labelled {request.content_type!r}: leave the Content-Type to json=",
                )
                expect(status == 201, f"the server answered {status} to json=event: {request.body[:80]!r}")
                _compare_event(parsed[-1], event, f"event {number}")
        finally:
            await session.close()
