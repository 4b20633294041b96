"""Exercises of lesson 17: a large file uploaded streamed with progress, a download piped into an upload, a body
sent compressed with deflate.

Each check serves an app of its own on 127.0.0.1 (`check_server.serving`) whose upload routes read the body
as it arrives, keep none of it (`_Sink`), and note what came: its size and SHA-256 (decoded, when it came with
a Content-Encoding), its size as sent, its headers, when its first and last bytes arrived, and whether it could
be read at all. 17.1 also measures what the learner's function allocates (`lesson_helpers.trace_memory`), with
the margin lesson 17 asserts: less than a tenth of the file. 17.2's source sends its body in pieces, with
pauses, and notes when it sent the last one: a relay's upload must have begun before that.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import random
import secrets
import tempfile
import time
import warnings
import zlib
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import hdrs, web
from multidict import CIMultiDictProxy

from .check_server import serving
from .core import NotYet, exercise, expect, expect_response_error, expect_type
from .sessions import GivenSession, given_session

KiB = 1024
MiB = 1024 * KiB


def _token() -> str:
    """A value the learner cannot know in advance: what the answer returns must come from the server."""
    return secrets.token_hex(4)


# ---------------------------------------------------------------------------------------------------
# What the three checks share: upload routes that stream the body to nowhere and note how it came.


@dataclass
class _Upload:
    """One request body as the check's server received it (its bytes are counted and hashed, not kept)."""

    method: str
    path: str
    headers: CIMultiDictProxy[str]
    size: int = 0
    """Bytes received, decoded when the body came with a Content-Encoding aiohttp decodes (gzip, deflate, br)."""
    encoded_size: int = 0
    """Bytes received as they were sent, before any decoding (chunked framing left out)."""
    digest: Any = field(default_factory=hashlib.sha256)
    first_byte: float | None = None
    last_byte: float | None = None
    """`time.monotonic()` when the first and the last piece of the body arrived."""
    error: str | None = None
    """Why the body could not be read (a body that is not what its Content-Encoding says), or None."""
    kept: bytearray | None = None
    """The (decoded) body itself, when the route keeps it (17.3's small bodies)."""
    reply: dict[str, Any] | None = None

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()

    @property
    def coding(self) -> str | None:
        """The Content-Encoding the body came with, lower case, or None."""
        coding = self.headers.get(hdrs.CONTENT_ENCODING)
        return coding.strip().lower() if coding else None


@dataclass
class _Sink:
    """Upload routes: each reads its body piece by piece and answers with its size, hash and a fresh token."""

    uploads: list[_Upload] = field(default_factory=list)

    async def receive(self, request: web.Request, *, keep: bool = False) -> _Upload:
        upload = _Upload(request.method, request.path, request.headers, kept=bytearray() if keep else None)
        self.uploads.append(upload)
        try:
            while chunk := await request.content.readany():
                upload.last_byte = time.monotonic()
                if upload.first_byte is None:
                    upload.first_byte = upload.last_byte
                upload.size += len(chunk)
                upload.digest.update(chunk)
                if upload.kept is not None:
                    upload.kept += chunk
        except (web.RequestPayloadError, ConnectionResetError) as exc:  # not what its Content-Encoding says
            upload.error = " ".join(str(exc).split())
        upload.encoded_size = request.content.total_raw_bytes
        return upload

    def handler(self, status: int = 200, *, keep: bool = False):
        """A route that receives the body, then answers `status` with JSON: the receipt, or an error."""

        async def upload_route(request: web.Request) -> web.Response:
            upload = await self.receive(request, keep=keep)
            if upload.error is not None:
                # The rest of the body cannot be read: mark it ended, so that aiohttp does not try to read it
                # after the answer (and log that it failed), and close the connection once the answer is sent.
                request.content.feed_eof()
                refusal = web.json_response({"error": f"the body could not be read: {upload.error}"}, status=400)
                refusal.force_close()
                return refusal
            if status >= 400:
                return web.json_response({"error": "the server refused the upload", "token": _token()}, status=status)
            upload.reply = {"bytes": upload.size, "sha256": upload.sha256, "token": _token()}
            return web.json_response(upload.reply, status=status)

        return upload_route


@asynccontextmanager
async def _serving(app: web.Application) -> AsyncIterator[tuple[str, GivenSession]]:
    """Serve `app` on 127.0.0.1; yield its base URL and a session for the learner's function."""
    async with serving(app) as base_url, given_session() as given:
        yield base_url, given


async def _outcome(call: Awaitable[Any]) -> tuple[Any, BaseException | None]:
    """Run the learner's call: its result, or what it raised (judged once the check knows what the server saw)."""
    try:
        return await call, None
    except Exception as exc:  # judged by the caller, once it knows what the server received
        return None, exc


async def _outcome_as_in_a_notebook(call: Awaitable[Any]) -> tuple[Any, BaseException | None]:
    """`_outcome(call)`, with aiohttp's ResourceWarning for a bytes body over 1 MiB ignored, as Python does by default.

    A learner's notebook never shows it (ResourceWarnings are ignored unless asked for); the test suite turns every
    warning into an error. Either way, what the check says about such an answer comes from what it measured.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sending a large body directly", category=ResourceWarning)
        return await _outcome(call)


def _one_upload(sink: _Sink, call: str, exc: BaseException | None) -> _Upload:
    """The single POST a call must have made. Re-raises the learner's error when nothing was sent."""
    if not sink.uploads and exc is not None:
        raise exc  # failed before sending anything: core.check says what that error means
    expect(sink.uploads, f"{call} sent nothing to the upload URL: make one POST request to it, with the session given")
    expect(len(sink.uploads) == 1, f"{call} made {len(sink.uploads)} uploads for one call: make exactly one POST")
    (upload,) = sink.uploads
    expect(upload.method == "POST", f"{call} sent a {upload.method} request; the task asks for POST (session.post)")
    return upload


def _expect_bytes(upload: _Upload, size: int, sha256: str, call: str, what: str) -> None:
    """The server received exactly `size` bytes whose SHA-256 is `sha256`: `what` (the file, the download)."""
    expect(
        upload.error is None,
        f"the server could not read what {call} sent ({upload.error}): send {what} as it is, without a "
        "Content-Encoding header",
    )
    expect(upload.size > 0, f"{call} sent an empty body: pass the chunks of {what} to session.post as data=")
    expect(
        upload.size <= size,
        f"the server received {upload.size:,} bytes, more than the {size:,} of {what}: send each chunk once, "
        "as the bytes it is (no text mode, no decoding and encoding again)",
    )
    expect(
        upload.size == size,
        f"the server received {upload.size:,} of the {size:,} bytes of {what}: send every chunk, the last "
        "(shorter) one too. Keep reading until a read returns b'' (the end), and yield every chunk you read",
    )
    expect(
        upload.sha256 == sha256,
        f"the server received {upload.size:,} bytes, as many as {what} holds, but not the same bytes: send the "
        "bytes as you read them, in order, from a file opened in binary mode ('rb')",
    )


def _expect_reply(reply: Any, upload: _Upload, call: str) -> None:
    expect_type(reply, dict, call, "the server's reply, parsed from its JSON (await resp.json())")
    expect(
        reply == upload.reply,
        f"{call} returned {reply!r}, but the server replied {upload.reply!r}: return what resp.json() gives",
    )


# ---------------------------------------------------------------------------------------------------
# 17.1 upload_file: a ~96 MiB file streamed from disk in chunks of at most 1 MiB, progress reported as it goes.

FILE_SIZE = 96 * MiB
"""About the size of the file the check uploads (a few KiB are added at random, so that the size is not round)."""
MAX_PEAK_FRACTION = 1 / 10
"""The most the learner's function may allocate at once, as a fraction of the file: the margin lesson 17 asserts.
Reading it whole takes the file and more (about three times it, at the peak); 1 MiB chunks about 4 MiB in all."""
MAX_CHUNK = MiB
"""The largest chunk the task allows: what progress is told of at once."""
SMALL_FILE_SIZE = 256 * KiB
"""The file the check uploads to a route that refuses it (507 Insufficient Storage)."""


@dataclass
class _ProgressLog:
    """What progress(n) was called with, and when (`time.monotonic()`): the callable the check hands over."""

    calls: list[tuple[float, Any]] = field(default_factory=list)

    def __call__(self, n: Any) -> None:
        self.calls.append((time.monotonic(), n))


def _expect_progress(progress: _ProgressLog, size: int, upload: _Upload, call: str) -> None:
    """progress was told of every byte, chunk by chunk (at most 1 MiB at once), while the upload went on."""
    counts = [n for _, n in progress.calls]
    expect(
        counts,
        f"the file arrived whole, but {call} never called progress: call progress(len(chunk)) for each chunk, "
        "as you hand it over, so that a progress bar can move while the file uploads",
    )
    odd = [n for n in counts if isinstance(n, bool) or not isinstance(n, int)]
    if odd:
        raise NotYet(f"progress was called with {odd[0]!r}: call it with the number of bytes in each chunk, an int")
    if len(counts) == 1:
        raise NotYet(
            f"progress was called once, with {counts[0]:,}: call it once per chunk, with len(chunk), as each chunk "
            "goes, so that a bar moves while the file uploads (not once for the whole file)"
        )
    if sum(counts) != size and counts[-1] == size and counts == sorted(counts):
        raise NotYet(
            f"progress was called with a running total ({counts[0]:,}, {counts[1]:,}, … {counts[-1]:,}): call it "
            "with the size of each chunk, len(chunk); progress adds them up itself (as tqdm's update(n) does)"
        )
    expect(
        sum(counts) == size,
        f"progress was told of {sum(counts):,} bytes in all, but the file holds {size:,}: call progress(len(chunk)) "
        "once for each chunk you send, every chunk, the last one too",
    )
    expect(
        max(counts) <= MAX_CHUNK,
        f"progress was told of {max(counts):,} bytes at once: read the file in chunks of at most 1 MiB "
        f"({MAX_CHUNK:,} bytes)",
    )
    expect(
        upload.last_byte is not None and progress.calls[0][0] <= upload.last_byte,
        "progress was called only after the server had received the whole file: call it while the chunks go, "
        "in the loop that hands them over (after each yield, or just before it)",
    )


async def _expect_refusal_raises(upload_file, session: aiohttp.ClientSession, url: str, folder: Path) -> None:
    from lesson_helpers import write_random_file  # the lesson's helpers: imported only when checked

    path = folder / "small.bin"
    await asyncio.to_thread(write_random_file, path, SMALL_FILE_SIZE)
    who = "for a 507 response (Insufficient Storage) upload_file"

    def returned(result: Any) -> str:
        return (
            f"{who} returned {result!r} as if the upload had worked: a reply is no proof of success. Check the "
            "status first: resp.raise_for_status() raises aiohttp.ClientResponseError for 400 and above"
        )

    await expect_response_error(upload_file(session, url, path, _ProgressLog()), 507, who, returned)


@exercise(
    "17.1",
    "upload a large file streamed from disk, with progress, in little memory",
    "upload_file",
    (
        "Hand the body over as a stream of pieces, each read from the file only when it is needed: a generator "
        "that reads a piece, hands it over, and tells progress how big it was. Only one piece is then in memory.",
        "An `async def` generator that opens the file with open(path, 'rb') and loops on `await "
        "asyncio.to_thread(file.read, 1024 * 1024)` until it returns b'', yielding each chunk and calling "
        "`progress` with `len(chunk)`; pass the generator as `data=` to `session.post(url, ...)`, then call "
        "`raise_for_status()` on the response and return the parsed `await resp.json()`. `path.read_bytes()` "
        "would hold the whole file (and more, on its way to the socket).",
    ),
)
async def check_upload_file(upload_file) -> None:
    from lesson_helpers import trace_memory, write_random_file  # the lesson's helpers: imported only when checked

    size = FILE_SIZE + random.randrange(1, 64 * KiB)
    call = "upload_file(session, url, path, progress)"
    sink = _Sink()
    app = web.Application()
    app.router.add_post("/files", sink.handler())
    app.router.add_post("/full", sink.handler(507))
    with tempfile.TemporaryDirectory(prefix="check-17.1-") as folder:
        path = Path(folder) / "upload.bin"
        sha256 = await asyncio.to_thread(write_random_file, path, size)  # bytes the learner cannot know in advance
        progress = _ProgressLog()
        async with _serving(app) as (base, given):
            trace = await trace_memory(
                _outcome_as_in_a_notebook(upload_file(given.session, f"{base}/files", path, progress))
            )
            reply, exc = trace.result
            upload = _one_upload(sink, call, exc)
            if exc is not None:
                raise exc  # the upload went out, then the learner's code failed: core.check says what it means
            _expect_bytes(upload, size, sha256, call, "the file")
            _expect_reply(reply, upload, call)
            most = MAX_PEAK_FRACTION * size
            counts = [n for _, n in progress.calls if isinstance(n, int)]
            if trace.peak > most and counts and max(counts) > MAX_CHUNK and sum(counts) == size and len(counts) > 1:
                raise NotYet(
                    f"the server received the whole file, but {call} had {trace.peak / MiB:,.1f} MiB allocated at "
                    f"once, more than a tenth of the file ({most / MiB:,.1f} MiB): its chunks were up to "
                    f"{max(counts) / MiB:,.1f} MiB, and a few of them are in memory at once. Read at most 1 MiB at a "
                    "time"
                )
            expect(
                trace.peak <= most,
                f"the server received the whole file, but {call} had {trace.peak / MiB:,.1f} MiB allocated at once "
                f"while it uploaded {size / MiB:,.0f} MiB; streaming needs well under {most / MiB:,.1f} MiB (a tenth "
                "of the file). Something held much of the file in memory: path.read_bytes() or file.read() with no "
                "size (all of it), or chunks collected in a list first. Read a chunk of at most 1 MiB, hand it "
                "over, and only then read the next",
            )
            _expect_progress(progress, size, upload, call)
            given.expect_used(call, 1)
            sink.uploads.clear()
            await _expect_refusal_raises(upload_file, given.session, f"{base}/full", Path(folder))
            given.expect_used("upload_file")


# ---------------------------------------------------------------------------------------------------
# 17.2 relay: a download's body piped into an upload as it arrives; a failed download uploads nothing.

SOURCE_SIZE = 4 * MiB
"""About the size of the body the check's source sends (a few KiB are added at random)."""
SOURCE_PIECE = 256 * KiB
SOURCE_PAUSE = 0.03
"""The pause before each piece of the source's body: about half a second in all, during which a relay uploads."""


@dataclass
class _Source:
    """GET /download: a random body, sent in pieces with pauses, and when its last piece was sent."""

    body: bytes
    requests: int = 0
    finished: float | None = None
    """`time.monotonic()` when the last piece of the body had been written to the socket."""

    async def download(self, request: web.Request) -> web.StreamResponse:
        self.requests += 1
        response = web.StreamResponse(headers={hdrs.CONTENT_TYPE: "application/octet-stream"})
        response.content_length = len(self.body)
        await response.prepare(request)
        try:
            for start in range(0, len(self.body), SOURCE_PIECE):
                await asyncio.sleep(SOURCE_PAUSE)
                await response.write(self.body[start : start + SOURCE_PIECE])
            self.finished = time.monotonic()
        except ConnectionError:  # the learner's code closed the download early: the check says so
            pass
        return response

    @staticmethod
    async def missing(request: web.Request) -> web.Response:
        return web.json_response({"error": "no file at this address", "path": request.path}, status=404)


def _stream_was_closed(exc: BaseException) -> bool:
    """The upload read a response's stream after that response was closed (aiohttp wraps the error it got)."""
    return isinstance(exc, aiohttp.ClientConnectionError) and (
        str(exc) == "Connection closed" or str(exc).endswith("ClientConnectionError('Connection closed')")
    )


@exercise(
    "17.2",
    "pipe a download into an upload as it arrives",
    "relay",
    (
        "The download's body can be the upload's body: hand the stream of the response you are reading to the "
        "upload, inside the block where that response is open, so that each piece goes on as soon as it arrives. "
        "Check the download's status before you start the upload.",
        "Open the download with `session.get(source_url)` in an `async with` block and call `raise_for_status()` "
        "on it; inside that block, `session.post(target_url, data=download.content)` (a StreamReader is a body "
        "aiohttp streams; `download.content.iter_chunked(64 * 1024)` works too). `await download.read()` would "
        "wait for the whole download first.",
    ),
)
async def check_relay(relay) -> None:
    size = SOURCE_SIZE + random.randrange(1, 64 * KiB)
    source = _Source(random.randbytes(size))
    sink = _Sink()
    app = web.Application()
    app.router.add_get("/download", source.download)
    app.router.add_get("/missing", source.missing)
    app.router.add_post("/upload", sink.handler())
    call = "relay(session, source_url, target_url)"
    async with _serving(app) as (base, given):
        reply, exc = await _outcome_as_in_a_notebook(relay(given.session, f"{base}/download", f"{base}/upload"))
        expect(
            source.requests or exc is not None,
            f"{call} never downloaded source_url: GET it with the session you were given",
        )
        if exc is not None and _stream_was_closed(exc):
            raise NotYet(
                f"{call} raised ClientConnectionError while it uploaded: the download's stream was closed. Its "
                "`async with` block had ended, which closes the response, before the upload read its body. Make "
                "the upload inside the download's block, so that the download is open while its body goes on"
            )
        upload = _one_upload(sink, call, exc)
        if exc is not None:
            raise exc
        expect(source.requests == 1, f"{call} downloaded source_url {source.requests} times: download it once")
        _expect_bytes(upload, size, hashlib.sha256(source.body).hexdigest(), call, "the download")
        _expect_reply(reply, upload, call)
        expect(
            source.finished is not None and upload.first_byte is not None and upload.first_byte < source.finished,
            f"the target received the whole body, but its first byte came only after the source had sent its "
            f"last one: {call} held the whole download before it uploaded anything. Pass the response's stream "
            "(download.content) as data= inside the block where the download is open, so that each piece goes "
            "on as soon as it arrives",
        )
        given.expect_used(call, 2)

        sink.uploads.clear()
        who = "for a 404 download relay"

        def returned(result: Any) -> str:
            sent = f"the download's error page ({sink.uploads[0].size} bytes)" if sink.uploads else "nothing"
            return (
                f"{who} uploaded {sent} to the target and returned {result!r}: a body is no proof of success. "
                "Check the download's status first (download.raise_for_status()), before the upload starts"
            )

        await expect_response_error(relay(given.session, f"{base}/missing", f"{base}/upload"), 404, who, returned)
        expect(
            not sink.uploads,
            f"{who} raised ClientResponseError, as it should, but it had already uploaded the error page to the "
            "target: check the download's status before you start the upload",
        )
        given.expect_used("relay")


# ---------------------------------------------------------------------------------------------------
# 17.3 send_deflated: a body compressed with deflate and labelled Content-Encoding: deflate.

DOCUMENTS = 4000
"""JSON lines in the body 17.3 sends (about 300 KB, which deflate makes about ten times smaller)."""


def _text_body(token: str) -> bytes:
    """JSON lines, like a log or an export: text that compresses well, with a token so that it is new each time."""
    lines = (
        json.dumps({"id": n, "token": token, "level": ("info", "warning")[n % 7 == 0], "message": f"event {n} done"})
        for n in range(DOCUMENTS)
    )
    return "\n".join(lines).encode() + b"\n"


def _inflated(data: bytes) -> bytes | None:
    """`data` decompressed as deflate (zlib's format, or raw deflate), or None when it is not deflate data."""
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
        try:
            return zlib.decompress(data, wbits)
        except zlib.error:
            continue
    return None


def _gunzipped(data: bytes) -> bytes | None:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return None


def _expect_deflated(upload: _Upload, body: bytes, call: str) -> None:
    """The server received `body` compressed with deflate, labelled Content-Encoding: deflate."""
    received = bytes(upload.kept or b"")
    coding = upload.coding
    if upload.error is not None:
        raise NotYet(
            f"{call} sent Content-Encoding: {coding}, but the bytes are not what that says, and the server answered "
            f"400 ({upload.error}). The header only labels the body: compress the bytes too, with "
            "zlib.compress(body), or let aiohttp do both with compress='deflate' (and no header of your own)"
        )
    if coding is None:
        if received == body:
            raise NotYet(
                f"the server received the body as it is, uncompressed ({len(received):,} bytes) and with no "
                "Content-Encoding header: send it compressed with deflate, labelled Content-Encoding: deflate "
                "(compress='deflate' does both)"
            )
        if _inflated(received) == body or _gunzipped(received) == body:
            raise NotYet(
                f"{call} sent the body compressed ({len(received):,} bytes), but with no Content-Encoding header: "
                "the server cannot know, and takes the compressed bytes for the body itself. Add the header "
                "Content-Encoding: deflate (or let compress='deflate' add it)"
            )
        raise NotYet(f"the server received {len(received):,} bytes that are not the body, with no Content-Encoding")
    if coding != "deflate":
        raise NotYet(
            f"{call} sent the body with Content-Encoding: {coding}; the task asks for deflate: compress with "
            "zlib.compress(body) and label it Content-Encoding: deflate, or pass compress='deflate'"
        )
    if received != body and _inflated(received) == body:
        raise NotYet(
            f"{call} compressed the body twice: the server decoded deflate once and found deflate data again. "
            "Either compress it yourself and send the header, or pass compress='deflate': not both"
        )
    expect(
        received == body,
        f"the server decoded {len(received):,} bytes that are not the body you were given: compress the body as "
        "it is (bytes), and send all of it",
    )
    expect(
        upload.encoded_size < upload.size,
        f"the server received {upload.encoded_size:,} bytes for a body of {upload.size:,}: it was not compressed",
    )


@exercise(
    "17.3",
    "send a body compressed with deflate, labelled as such",
    "send_deflated",
    (
        "Two things make a compressed upload: the bytes compressed, and a header that tells the server how, so "
        "that it decodes them. One without the other leaves the server with the wrong body, or none. Then check "
        "the status before you return the reply.",
        "`zlib.compress(body)` gives deflate data (HTTP's deflate is zlib's format); send it with "
        '`headers={"Content-Encoding": "deflate"}`. Or pass `data=body, compress="deflate"` and aiohttp '
        "compresses as it sends and adds the header. Then `raise_for_status()` on the response, and its "
        "`await resp.json()`.",
    ),
)
async def check_send_deflated(send_deflated) -> None:
    body = _text_body(_token())
    sink = _Sink()
    app = web.Application()
    app.router.add_post("/inflate", sink.handler(keep=True))
    app.router.add_post("/identity-only", sink.handler(415, keep=True))
    call = "send_deflated(session, url, body)"
    async with _serving(app) as (base, given):
        reply, exc = await _outcome(send_deflated(given.session, f"{base}/inflate", body))
        upload = _one_upload(sink, call, exc)
        _expect_deflated(upload, body, call)
        if exc is not None:
            raise exc
        _expect_reply(reply, upload, call)
        given.expect_used(call, 1)

        who = "for a 415 response (a server that takes no compressed bodies) send_deflated"

        def returned(result: Any) -> str:
            return (
                f"{who} returned {result!r} as if the server had taken the body: check the status first, with "
                "resp.raise_for_status(), which raises aiohttp.ClientResponseError for 400 and above"
            )

        await expect_response_error(send_deflated(given.session, f"{base}/identity-only", body), 415, who, returned)
        given.expect_used("send_deflated")
