"""The shapes of the JSON the server answers with, built in one place.

httpbin's replies are small, fixed shapes (`args, data, files, form, headers, json,
origin, url`, plus `method` on /anything). `Echo` holds everything a request
carried; each endpoint picks the fields its httpbin counterpart shows.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import orjson
from aiohttp import web
from aiohttp.http_exceptions import BadHttpMessage
from multidict import MultiMapping

from .errors import bad_request

GET_FIELDS = ("args", "headers", "origin", "url")
BODY_FIELDS = ("args", "data", "files", "form", "headers", "json", "origin", "url")
ANYTHING_FIELDS = (*BODY_FIELDS, "method")
DELAY_FIELDS = ("args", "data", "files", "form", "headers", "origin", "url")

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
BODY_ERRORS = (ValueError, LookupError, RuntimeError, BadHttpMessage, web.RequestPayloadError, ConnectionResetError)
"""What reading a malformed form raises: bad syntax (a part's header without a colon, or too long: BadHttpMessage),
an unknown charset or encoding, a broken stream, a client gone before the end of its body."""


def json_response(payload: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON as httpbin writes it: keys sorted, indented, ending in a newline."""
    return web.Response(text=json_text(payload) + "\n", status=status, headers=headers, content_type="application/json")


def json_text(payload: Any) -> str:
    """``json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False)``, written by orjson.

    With an indent, Python's json module falls back to its pure-Python encoder, the largest cost of an
    echo; orjson writes the same text about 25 times faster. What orjson refuses (integers beyond 64 bits,
    keys that are not str) goes to json.dumps. The two differ only in how a float with a small exponent
    is written (``1e-7`` rather than ``1e-07``): the same number.
    """
    try:
        return orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False)


@lru_cache(maxsize=256)  # the same few header names come in every request: 3 µs less per echo
def title_case(name: str) -> str:
    """`x-custom-header` -> `X-Custom-Header`, the way httpbin shows header names."""
    return "-".join(part.capitalize() for part in name.split("-"))


def collapse(pairs: MultiMapping[str]) -> dict[str, str | list[str]]:
    """A query or form multidict as httpbin shows it: one value as a str, repeats as a list."""
    return group_pairs(pairs.items())


def header_dict(headers: MultiMapping[str]) -> dict[str, str]:
    """Request headers, names title-cased and repeated headers joined with a comma."""
    joined: dict[str, list[str]] = {}
    for name, value in headers.items():
        joined.setdefault(title_case(name), []).append(value)
    return {name: ",".join(values) for name, values in sorted(joined.items())}


def as_text(raw: bytes, content_type: str = "application/octet-stream") -> str:
    """Bytes as text when they are UTF-8, otherwise as a base64 data URL (as httpbin does)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"data:{content_type};base64,{base64.b64encode(raw).decode('ascii')}"


def origin_of(request: web.Request) -> str:
    return request.remote or ""


@dataclass
class Echo:
    """Everything a request carried, in httpbin's vocabulary."""

    method: str
    url: str
    origin: str
    args: dict[str, str | list[str]]
    headers: dict[str, str]
    data: str = ""
    form: dict[str, str | list[str]] = field(default_factory=dict)
    files: dict[str, str | list[str]] = field(default_factory=dict)
    json: Any = None

    def select(self, fields: tuple[str, ...]) -> dict[str, Any]:
        return {name: getattr(self, name) for name in fields}


def describe_request(request: web.Request) -> Echo:
    """The parts of a request that need no body: method, url, origin, args, headers."""
    return Echo(
        method=request.method,
        url=str(request.url),
        origin=origin_of(request),
        args=collapse(request.query),
        headers=header_dict(request.headers),
    )


async def read_echo(request: web.Request) -> Echo:
    """Describe a request, body included: form fields, files, raw data and JSON."""
    echo = describe_request(request)
    if not request.body_exists:
        return echo
    if request.content_type in FORM_TYPES:
        try:
            posted = await request.post()
        except BODY_ERRORS as exc:  # malformed multipart or urlencoded body
            raise unreadable_body(f"the form body could not be parsed: {exc}") from None
        form, files = [], []
        for name, value in posted.items():
            if isinstance(value, web.FileField):
                files.append((name, as_text(value.file.read(), value.content_type)))
            elif isinstance(value, bytearray):  # a multipart field with a non-text Content-Type and no filename
                form.append((name, as_text(bytes(value))))
            else:
                form.append((name, value))
        echo.form = group_pairs(form)
        echo.files = group_pairs(files)
        return echo
    try:
        raw = await request.read()
    except (web.RequestPayloadError, ConnectionResetError) as exc:
        # A Content-Encoding the body does not match, or a client gone before the end of its body
        # (nobody reads that 400, but it keeps the request out of the logged 500 path).
        raise unreadable_body(f"the body could not be read: {exc}") from None
    echo.data = as_text(raw)  # httpbin labels raw binary data application/octet-stream, whatever was sent
    try:
        echo.json = json.loads(raw) if raw else None
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to parse
        echo.json = None
    return echo


def unreadable_body(message: str) -> web.HTTPBadRequest:
    """The 400 for a body that could not be read, with `Connection: close`.

    aiohttp cannot skip the rest of a broken body (one that does not decode, a stream cut off), so it closes
    the connection after the answer: this tells the client not to send its next request on that connection.
    """
    error = bad_request(message)
    error.force_close()
    return error


def group_pairs(pairs: Iterable[tuple[str, str]]) -> dict[str, str | list[str]]:
    """Name/value pairs as a dict, in first-seen order: one value as a str, repeats as a list."""
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in grouped.items()}
