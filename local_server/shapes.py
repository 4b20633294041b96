"""The shapes of the JSON the server answers with, built in one place.

httpbin's replies are small, fixed shapes (`args, data, files, form, headers, json,
origin, url`, plus `method` on /anything). `Echo` holds everything a request
carried; each endpoint picks the fields its httpbin counterpart shows, and a
multipart body adds `parts` (one `ReceivedPart` each), which httpbin does not have.
`UploadReceipt` is what /upload answers.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import orjson
from aiohttp import web
from multidict import MultiMapping

from .bodies import BODY_ERRORS, FormPart, StreamedBody, content_coding, read_bytes, read_multipart, unreadable_body
from .errors import bad_request

GET_FIELDS = ("args", "headers", "origin", "url")
BODY_FIELDS = ("args", "data", "files", "form", "headers", "json", "origin", "url")
ANYTHING_FIELDS = (*BODY_FIELDS, "method")
DELAY_FIELDS = ("args", "data", "files", "form", "headers", "origin", "url")

URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
JSON_TYPE = "application/json"
OCTET_STREAM = "application/octet-stream"


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
    parts: list[ReceivedPart] | None = None  # a multipart body only: every part, in order

    def select(self, fields: tuple[str, ...]) -> dict[str, Any]:
        """The fields an endpoint shows, and `parts` with them when the body was multipart and they show `files`."""
        selected = {name: getattr(self, name) for name in fields}
        if self.parts is not None and "files" in fields:
            selected["parts"] = [part.as_json() for part in self.parts]
        return selected


@dataclass(frozen=True)
class ReceivedPart:
    """One part of a multipart body as the echo lists it: what httpbin's `form` and `files` cannot show
    (which file came with which name and type, several files under one name, binary fields)."""

    name: str
    filename: str | None
    content_type: str | None  # the part's Content-Type header as sent, None when it had none
    size: int  # bytes, after any Content-Transfer-Encoding was undone
    sha256: str

    @classmethod
    def of(cls, part: FormPart) -> ReceivedPart:
        return cls(
            part.name, part.filename, part.content_type, len(part.content), hashlib.sha256(part.content).hexdigest()
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "filename": self.filename,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class UploadReceipt:
    """What /upload answers: the body's size and hash, how it came, and how long reading it took."""

    bytes: int  # decoded, when it came with a Content-Encoding: the bytes hashed
    sha256: str
    seconds: float  # from the request's headers to the body's last byte, to 0.1 ms (JSON without exponents)
    content_encoding: str | None  # the coding it was decoded from, None for a body sent as is
    encoded_bytes: int  # the body as sent, before decoding (the same as `bytes` without a Content-Encoding)
    chunked: bool  # sent with Transfer-Encoding: chunked (no Content-Length)

    @classmethod
    def of(cls, streamed: StreamedBody, content_encoding: str | None, chunked: bool) -> UploadReceipt:
        return cls(
            streamed.size, streamed.sha256, round(streamed.seconds, 4), content_encoding, streamed.encoded_size, chunked
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "bytes": self.bytes,
            "sha256": self.sha256,
            "seconds": self.seconds,
            "content_encoding": self.content_encoding,
            "encoded_bytes": self.encoded_bytes,
            "chunked": self.chunked,
        }


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
    """Describe a request, body included, as httpbin does: `form` for urlencoded and multipart fields, `files`
    for file parts, `json` for a body that is JSON, `data` for any other body (text, or a base64 data URL).

    Repeated names keep every value (a list), files included. A multipart body also lists its `parts`. A body
    sent as `application/json` that is not JSON is a 400 (httpbin answers `"json": null`).
    """
    echo = describe_request(request)
    if not request.body_exists:
        return echo
    content_coding(request)  # a 415 for a coding the body cannot be decoded from; the headers show the one it had
    if request.content_type == MULTIPART:
        parts = await read_multipart(request)
        echo.form = group_pairs((part.name, form_value(part)) for part in parts if part.filename is None)
        echo.files = group_pairs((part.name, file_value(part)) for part in parts if part.filename is not None)
        echo.parts = [ReceivedPart.of(part) for part in parts]
        return echo
    if request.content_type == URLENCODED:
        try:
            posted = await request.post()
        except BODY_ERRORS as exc:  # malformed urlencoded body, unknown charset
            raise unreadable_body(request, f"the form body could not be parsed: {exc}") from None
        echo.form = collapse(posted)  # type: ignore[arg-type]  # urlencoded values are all str
        return echo
    raw = await read_bytes(request)
    echo.data = as_text(raw)  # httpbin labels raw binary data application/octet-stream, whatever was sent
    echo.json, why_not_json = parse_json(raw)
    if why_not_json is not None and request.content_type == JSON_TYPE:
        raise bad_request(f"the body is sent as {JSON_TYPE} but is not JSON: {why_not_json}")
    return echo


def form_value(part: FormPart) -> str:
    """A multipart field as httpbin shows it: its text, or a data URL for bytes that are not text."""
    return part.text if part.text is not None else as_text(part.content)


def file_value(part: FormPart) -> str:
    """A file part as httpbin shows it: UTF-8 text as text, anything else as a data URL of the part's type."""
    return as_text(part.content, part.content_type or OCTET_STREAM)


def parse_json(raw: bytes) -> tuple[Any, str | None]:
    """The body as JSON, read as httpbin reads it (UTF-8, whatever the Content-Type), and None; or, for a body
    that is not JSON, None and why not. An empty body is no JSON and no error: (None, None)."""
    if not raw:
        return None, None
    try:
        return json.loads(raw.decode("utf-8")), None
    except UnicodeDecodeError as exc:
        return None, f"it is not UTF-8 ({exc.reason} at byte {exc.start})"
    except RecursionError:
        return None, "it is nested too deeply to parse"
    except ValueError as exc:  # json.JSONDecodeError, or an integer too long to convert
        return None, str(exc)


def group_pairs(pairs: Iterable[tuple[str, str]]) -> dict[str, str | list[str]]:
    """Name/value pairs as a dict, in first-seen order: one value as a str, repeats as a list."""
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in grouped.items()}
