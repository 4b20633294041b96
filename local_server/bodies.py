"""Reading request bodies within the body limit: whole, as a multipart form part by part, or streamed to nowhere.

aiohttp's parser decodes a body sent with `Content-Encoding: gzip`, `deflate` or `br` (and `zstd` where
`backports.zstd` is installed, or on Python 3.14) before the application reads it, in pieces of bounded
size that are handed over only as fast as they are read: what the readers here see is the decoded body, and
every limit counts decoded bytes, so a decompression bomb is stopped at the limit without ever being held.
A body that is not what its Content-Encoding says fails while it is read: a 400 here.

`request.read()` and `request.post()` enforce the app's `client_max_size` themselves; the streaming readers
here (`request.multipart()`, `request.content`) do not, so they count against `limits.body_limit` as they go.
(One gap, aiohttp's own in `request.post()` too: the lines before a multipart body's first boundary are
skipped inside `MultipartReader.next()`, so a chunked body that is all preamble is answered only when the
boundary comes (413) or the end (400, no boundary). Nothing is kept meanwhile: a longer line than aiohttp's
read buffer holds is a 400 at once.)
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from aiohttp import hdrs, web
from aiohttp.compression_utils import HAS_ZSTD
from aiohttp.http_exceptions import BadHttpMessage
from aiohttp.multipart import BodyPartReader

from .errors import bad_request, client_error
from .limits import KiB, body_limit

DECODED_CODINGS = frozenset({"gzip", "deflate", "br", *(["zstd"] if HAS_ZSTD else [])})
"""The content codings aiohttp's parser decodes here (zstd only with `backports.zstd` on Python < 3.14).

Without it, a zstd body never reaches the application: the parser refuses it with its own plain-text 400,
"Can not decode content-encoding: zstandard (zstd). Please install `backports.zstd`"."""

BODY_ERRORS = (ValueError, LookupError, RuntimeError, BadHttpMessage, web.RequestPayloadError, ConnectionResetError)
"""What reading a malformed body raises: bad syntax (a part's header without a colon, or too long: BadHttpMessage),
an unknown charset or transfer encoding, a body that does not decode, a client gone before the end of its body."""

CHUNK_SIZE = 64 * KiB
"""How much of a multipart part is read at a time."""


def unreadable_body(request: web.Request, message: str) -> web.HTTPBadRequest:
    """The 400 for a body that could not be read, with `Connection: close`.

    aiohttp cannot skip the rest of a broken body (one that does not decode, a stream cut off), so it closes
    the connection after the answer: this tells the client not to send its next request on that connection.
    The body is marked as ended first, so that aiohttp does not try to read the rest of it after the answer
    (and log a traceback when that fails too: in a notebook, it would land in the set-up cell's output).
    """
    request.content.feed_eof()
    error = bad_request(message)
    error.force_close()
    return error


def too_large(request: web.Request, size: int) -> web.HTTPRequestEntityTooLarge:
    """The 413 for a body found to be over the limit while it was read (the middleware writes its message)."""
    return web.HTTPRequestEntityTooLarge(max_size=body_limit(request), actual_size=size)


def content_coding(request: web.Request) -> str | None:
    """The content coding the body arrived in and aiohttp decoded (`gzip`, …), or None for a body sent as is.

    A coding aiohttp does not decode (`compress`, `x`, two codings such as `gzip, br`) is answered with 415:
    echoing those bytes as the body would show a learner something they did not send. Without a body, the
    header is not looked at.
    """
    sent = request.headers.getall(hdrs.CONTENT_ENCODING, [])
    if not sent or not request.body_exists:
        return None
    coding = sent[0].lower() if len(sent) == 1 and sent[0].isascii() else None
    if coding in ("identity", ""):
        return None
    if coding in DECODED_CODINGS:
        return coding
    accepted = ", ".join(sorted(DECODED_CODINGS))
    raise client_error(
        web.HTTPUnsupportedMediaType,
        f"the server decodes a body in one of the content codings {accepted} (or identity),"
        f" not Content-Encoding: {', '.join(sent)}",
    )


async def read_bytes(request: web.Request) -> bytes:
    """The whole (decoded) body, up to the app's `client_max_size` (413 beyond); 400 if it does not decode."""
    try:
        return await request.read()
    except (web.RequestPayloadError, ConnectionResetError) as exc:
        # A Content-Encoding the body does not match, or a client gone before the end of its body
        # (nobody reads that 400, but it keeps the request out of the logged 500 path).
        raise unreadable_body(request, f"the body could not be read: {exc}") from None


@dataclass(frozen=True)
class FormPart:
    """One part of a multipart/form-data body, as it was read: `content` is after its transfer encoding."""

    name: str
    filename: str | None  # None for a field; a file part may have an empty filename (a browser's empty file input)
    content_type: str | None  # the part's Content-Type header, None when it had none
    content: bytes
    text: str | None  # a field's value decoded with its charset (text/* or no Content-Type); None otherwise


async def read_multipart(request: web.Request) -> list[FormPart]:
    """Every part of a multipart/form-data body, in order, read chunk by chunk within the body limit.

    Malformed or truncated bodies are a 400 (with `Connection: close`), more parts than aiohttp's field limit
    (`request.client_max_fields`) or more bytes than the body limit a 413, as `request.post()` answers them.
    """
    limit = body_limit(request)
    body = request.content
    parts: list[FormPart] = []
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if body.total_bytes > limit:
                raise too_large(request, body.total_bytes)
            if not isinstance(part, BodyPartReader):
                raise ValueError("a part is itself multipart (nested multipart is not read): send each file as a part")
            if part.name is None:
                raise ValueError("a part has no name in its Content-Disposition header")
            if len(parts) >= request.client_max_fields:
                raise client_error(
                    web.HTTPRequestEntityTooLarge,
                    f"the form has more than {request.client_max_fields} parts",
                    max_size=request.client_max_fields,
                    actual_size=len(parts) + 1,
                )
            content = bytearray()
            while chunk := await part.read_chunk(CHUNK_SIZE):
                if body.total_bytes > limit:
                    raise too_large(request, body.total_bytes)
                content += part.decode(chunk)  # a Content-Transfer-Encoding (base64, quoted-printable) undone
            content_type = part.headers.get(hdrs.CONTENT_TYPE)
            is_text = part.filename is None and (content_type is None or content_type.startswith("text/"))
            text = content.decode(part.get_charset(default="utf-8")) if is_text else None
            parts.append(FormPart(part.name, part.filename, content_type, bytes(content), text))
    except BODY_ERRORS as exc:  # malformed or cut-off multipart, a charset or transfer encoding nobody knows
        raise unreadable_body(request, f"the form body could not be parsed: {exc}") from None
    if body.total_bytes > limit:
        raise too_large(request, body.total_bytes)
    return parts


@dataclass(frozen=True)
class StreamedBody:
    """What streaming a body to nowhere found: its decoded size and SHA-256, its size as sent, and the time."""

    size: int
    sha256: str
    encoded_size: int  # the body as it came, before its Content-Encoding was decoded (chunked framing left out)
    seconds: float


async def stream_to_nowhere(request: web.Request) -> StreamedBody:
    """Read the body chunk by chunk as it arrives, keeping none of it: count and hash it, within the body limit.

    The memory used is aiohttp's read buffer (about 128 KiB), whatever the size of the body. A body that
    crosses the limit is answered with 413 at once, with what is left of it unread.
    """
    started = time.perf_counter()
    limit = body_limit(request)
    digest = hashlib.sha256()
    size = 0
    if request.body_exists:
        try:
            while chunk := await request.content.readany():
                size += len(chunk)
                if size > limit:
                    raise too_large(request, size)
                digest.update(chunk)
        except (web.RequestPayloadError, ConnectionResetError) as exc:
            raise unreadable_body(request, f"the body could not be read: {exc}") from None
    encoded_size = request.content.total_raw_bytes if request.body_exists else 0
    return StreamedBody(size, digest.hexdigest(), encoded_size, time.perf_counter() - started)
