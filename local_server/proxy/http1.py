"""Just enough HTTP/1.1 for a forward proxy: read a message head, find where its body ends, copy the body.

Strict where laxness lets requests be misread (RFC 9112): lines end in CRLF, no space before a header's
colon, no folded header lines, one Content-Length or ``Transfer-Encoding: chunked`` but never both. What
breaks a rule raises `HeadError` with the status the proxy answers (400, or 431 for a head over its limits).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from http import HTTPStatus

from ..errors import error_body

CHUNK = 64 * 1024
TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
VERSION = re.compile(r"HTTP/1\.[01]")
STATUS_LINE = re.compile(r"(HTTP/1\.[01]) ([1-9][0-9][0-9])(?: (.*))?")
FORBIDDEN_IN_VALUE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
HEX = re.compile(r"[0-9A-Fa-f]{1,16}")

HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "proxy-authorization", "proxy-authenticate", "te", "upgrade"}
)
"""Headers that concern one connection (RFC 9110, 7.6.1), never forwarded; Transfer-Encoding is kept, the
proxy copies chunked bodies as they are. Proxy-Authorization is for this proxy alone."""


class HeadError(Exception):
    """A message the proxy cannot take: `status` is what it answers, `message` says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Head:
    """A message head: its first line split in three, and its header lines in order."""

    first: tuple[str, str, str]
    headers: list[tuple[str, str]]

    def values(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self.headers if key.lower() == name]

    def forwarded_headers(self, *drop: str) -> list[tuple[str, str]]:
        """The headers without the hop-by-hop ones, those the Connection header names, and `drop`."""
        named = {part.strip().lower() for value in self.values("connection") for part in value.split(",")}
        dropped = HOP_BY_HOP | named | {name.lower() for name in drop}
        return [(key, value) for key, value in self.headers if key.lower() not in dropped]


async def read_head(reader: asyncio.StreamReader, max_bytes: int, max_headers: int) -> Head | None:
    """Read one message head, or None when the connection ends before its first byte.

    The reader's own limit (``asyncio.start_server(limit=...)``) must be at least `max_bytes`: a longer line
    then fails as a head over the limit.
    """
    lines: list[str] = []
    size = 0
    while True:
        try:
            raw = await reader.readline()
        except ValueError:  # one line longer than the reader's limit
            raise HeadError(431, f"the request head is longer than the limit of {max_bytes} bytes") from None
        size += len(raw)
        if size > max_bytes:
            raise HeadError(431, f"the request head is longer than the limit of {max_bytes} bytes")
        if not raw:
            if not lines and size == 0:
                return None
            raise HeadError(400, "the connection ended in the middle of the request head")
        if not raw.endswith(b"\r\n"):
            if not raw.endswith(b"\n"):
                raise HeadError(400, "the connection ended in the middle of the request head")
            raise HeadError(400, "a line of the request head ends in a bare LF: HTTP lines end in CRLF")
        line = raw[:-2].decode("latin-1")
        if not lines:
            if line == "":  # an empty line before the request line is ignored (RFC 9112, 2.2)
                continue
            lines.append(line)
            continue
        if line == "":
            break
        lines.append(line)
        if len(lines) - 1 > max_headers:
            raise HeadError(431, f"the request has more than {max_headers} header lines, the limit")
    return Head(_split_start_line(lines[0]), [_parse_header(line) for line in lines[1:]])


def _split_start_line(line: str) -> tuple[str, str, str]:
    parts = line.split(" ", 2)
    if len(parts) != 3 or not all(parts):
        raise HeadError(400, f"{line[:100]!r} is not a start line of three parts (METHOD target HTTP/1.1)")
    return parts[0], parts[1], parts[2]


def _parse_header(line: str) -> tuple[str, str]:
    if line[:1] in (" ", "\t"):
        raise HeadError(400, "a header line starts with white space (obsolete line folding is not accepted)")
    name, colon, value = line.partition(":")
    if not colon or not TOKEN.fullmatch(name):
        raise HeadError(400, f"{line[:100]!r} is not a header line (Name: value)")
    value = value.strip(" \t")
    if FORBIDDEN_IN_VALUE.search(value):
        raise HeadError(400, f"the value of {name} holds a control character")
    return name, value


def check_request_line(head: Head) -> tuple[str, str]:
    """The method and target of a request head, after checking its request line."""
    method, target, version = head.first
    if not TOKEN.fullmatch(method):
        raise HeadError(400, f"{method[:40]!r} is not an HTTP method")
    if not VERSION.fullmatch(version):
        raise HeadError(400, f"{version[:40]!r} is not HTTP/1.0 or HTTP/1.1, the versions this proxy speaks")
    if not target.isascii() or not target.isprintable():
        raise HeadError(400, "the request target holds characters that are not printable ASCII")
    return method, target


def status_of(head: Head) -> int:
    """The status code of a response head (raises HeadError when its status line is not HTTP/1.x NNN)."""
    match = STATUS_LINE.fullmatch(" ".join(head.first))
    if not match:
        raise HeadError(502, "the target's answer does not start with an HTTP/1.x status line")
    return int(match.group(2))


@dataclass(frozen=True)
class Framing:
    """Where a body ends: after `length` bytes, at the end of its chunks, or when the connection ends."""

    length: int | None = 0
    chunked: bool = False

    @property
    def until_close(self) -> bool:
        return self.length is None and not self.chunked


NO_BODY = Framing(0)


def body_framing(head: Head, *, request: bool) -> Framing:
    """How the body of a message is delimited (RFC 9112, 6.3); a request without either header has none."""
    encodings = [part.strip().lower() for value in head.values("transfer-encoding") for part in value.split(",")]
    lengths = head.values("content-length")
    if encodings:
        if lengths:
            raise HeadError(400, "the message has both Transfer-Encoding and Content-Length: which one ends it?")
        if encodings != ["chunked"]:
            raise HeadError(400, f"Transfer-Encoding {', '.join(encodings)}: this proxy understands only chunked")
        return Framing(None, chunked=True)
    if lengths:
        values = {part.strip() for value in lengths for part in value.split(",")}
        if len(values) != 1 or not next(iter(values)).isdigit() or len(next(iter(values))) > 18:
            raise HeadError(400, f"the Content-Length {', '.join(lengths)!r} is not one whole number")
        return Framing(int(values.pop()))
    return NO_BODY if request else Framing(None)


async def _read(reader: asyncio.StreamReader, size: int, idle_timeout: float) -> bytes:
    async with asyncio.timeout(idle_timeout):
        return await reader.read(size)


async def copy_body(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, framing: Framing, idle_timeout: float
) -> None:
    """Copy one body as it is, chunks and all, and stop where it ends (EOFError when it ends early)."""
    if framing.chunked:
        await _copy_chunked(reader, writer, idle_timeout)
        return
    remaining = framing.length
    while remaining is None or remaining > 0:
        data = await _read(reader, CHUNK if remaining is None else min(CHUNK, remaining), idle_timeout)
        if not data:
            if remaining is None:
                return
            raise EOFError("the body ended early")
        writer.write(data)
        await writer.drain()
        if remaining is not None:
            remaining -= len(data)


async def _copy_chunked(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, idle_timeout: float) -> None:
    while True:
        async with asyncio.timeout(idle_timeout):
            line = await reader.readline()
        size_text = line.split(b";", 1)[0].strip().decode("latin-1")
        if not line.endswith(b"\r\n") or not HEX.fullmatch(size_text):
            raise EOFError("a chunk does not start with its size in hex")
        writer.write(line)
        size = int(size_text, 16)
        if size == 0:
            while True:  # trailer lines, then the empty line that ends the body
                async with asyncio.timeout(idle_timeout):
                    line = await reader.readline()
                if not line.endswith(b"\n"):
                    raise EOFError("the body ended in its trailers")
                writer.write(line)
                if line in (b"\r\n", b"\n"):
                    await writer.drain()
                    return
        await copy_body(reader, writer, Framing(size), idle_timeout)
        async with asyncio.timeout(idle_timeout):
            end = await reader.readexactly(2)
        if end != b"\r\n":
            raise EOFError("a chunk does not end with CRLF")
        writer.write(end)
        await writer.drain()


def encode_head(first_line: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [first_line, *(f"{name}: {value}" for name, value in headers), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def error_answer(status: int, message: str, headers: list[tuple[str, str]] | None = None) -> bytes:
    """The proxy's own answer: a status, the JSON error body the echo server uses, and Connection: close."""
    body = error_body(status, message).encode()
    fields = [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(body))),
        *(headers or []),
        ("Connection", "close"),
    ]
    return encode_head(f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", fields) + body
