"""Exercises of lesson 06: a large download saved chunk by chunk, the first n bytes of a body, a line from a stream.

06.1 measures the memory the learner's function allocates (``lesson_helpers.trace_memory``) while it saves a
body of about 50 MiB, served by the local server in a process of its own (``lesson_helpers.ServerProcess``),
so that the server's buffers are not counted. 06.2 and 06.3 serve bodies that never end from a small app of
the check's own (``check_server.serving``), which sends them in pieces that split lines and short reads
where they hurt, and notes when the learner's code went away.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import random
import secrets
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from local_server import start_local_server
from local_server.shapes import GET_FIELDS, describe_request

from .check_server import serving
from .core import NotYet, exercise, expect, expect_response_error, expect_type
from .sessions import expect_session_open

MiB = 1024 * 1024

RETURN_WITHIN = 3.0
"""How long 06.2 and 06.3 wait for the learner's function; a right answer returns within half a second."""
LEAVE_WITHIN = 2.0
"""How long the check's server waits, after the learner's function returned, to see the response closed."""
PIECE_PAUSE = 0.1
"""The pause between the first pieces of a body: long enough that each arrives on its own, even on a loaded machine."""
FEED_PAUSE = 0.01
"""The pause between the later pieces of a body that never ends."""
FEED_LIMIT = 60.0
"""A body that never ends stops anyway after this many seconds (the check has given up long before)."""


# ---------------------------------------------------------------------------------------------------
# What 06.2 and 06.3 share: a body that never ends, sent in pieces, and a note of when the client left.


@dataclass
class _Feed:
    """One response of the check's server: when it started, and when the client closed it (from the server's thread)."""

    started: float = field(default_factory=time.monotonic)
    left: threading.Event = field(default_factory=threading.Event)


@dataclass
class _EndlessServer:
    """Serves GET /feed: `pieces(request)` sent one by one, after the pause each comes with, until the client leaves."""

    pieces: Callable[[web.Request], Iterator[tuple[float, bytes]]]
    content_type: str = "application/octet-stream"
    feeds: list[_Feed] = field(default_factory=list)

    async def feed(self, request: web.Request) -> web.StreamResponse:
        record = _Feed()
        self.feeds.append(record)
        response = web.StreamResponse(headers={"Content-Type": self.content_type})
        await response.prepare(request)
        try:
            for pause, piece in self.pieces(request):
                if time.monotonic() - record.started > FEED_LIMIT:
                    break
                await asyncio.sleep(pause)
                await response.write(piece)
        except ConnectionError:  # the client closed the connection: what a right answer does once it has enough
            record.left.set()
        return response

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/feed", self.feed)
        return app

    async def expect_left(self, call: str) -> None:
        """The last response was closed by the client soon after the learner's function returned."""
        left = await asyncio.to_thread(self.feeds[-1].left.wait, LEAVE_WITHIN)
        expect(
            left,
            f"{call} returned, but {LEAVE_WITHIN:.0f} s later the response was still open and the server still "
            "had the rest of the body to send: make the request with `async with session.get(url) as resp:` "
            "and return inside the block, which closes the response (and the download) when you return",
        )


@asynccontextmanager
async def _noting_session() -> AsyncIterator[tuple[aiohttp.ClientSession, list[aiohttp.ClientResponse]]]:
    """A session for the learner's function, and the responses it received through it, in order.

    Responses the learner's code left open are closed at the end, so that nothing reports an unclosed
    connection later, in another cell.
    """
    responses: list[aiohttp.ClientResponse] = []

    async def note_response(session, context, params: aiohttp.TraceRequestEndParams) -> None:
        responses.append(params.response)

    trace = aiohttp.TraceConfig()
    trace.on_request_end.append(note_response)
    try:
        async with aiohttp.ClientSession(trace_configs=[trace]) as session:
            yield session, responses
    finally:
        for response in responses:
            response.close()


@asynccontextmanager
async def _serving_endless(
    server: _EndlessServer,
) -> AsyncIterator[tuple[str, aiohttp.ClientSession, list[aiohttp.ClientResponse]]]:
    """Serve `server` on 127.0.0.1 from a thread of its own; yield its feed's URL and a `_noting_session()`."""
    async with serving(server.app()) as base, _noting_session() as (session, responses):
        yield f"{base}/feed", session, responses


async def _call_with_deadline(call: str, answer: Awaitable[Any], *, sent: str) -> Any:
    """Await the learner's coroutine for at most RETURN_WITHIN seconds; NotYet if it takes longer.

    `sent` says what the server had sent by then, for the message. A timeout of the learner's own is left to
    the core's translation.
    """
    deadline = asyncio.timeout(RETURN_WITHIN)
    try:
        async with deadline:
            return await answer
    except TimeoutError:
        if not deadline.expired():
            raise
    raise NotYet(
        f"{call} had not returned after {RETURN_WITHIN:.0f} s, although the server had sent {sent} within the "
        "first second. This body never ends (like a live feed, or a file far larger than you need): code that "
        "waits for its end (resp.read(), resp.text(), or a loop that only stops at the end of the stream) never "
        "finishes. Read only as far as you need, then return"
    )


# ---------------------------------------------------------------------------------------------------
# 06.1 save_to_file: a 50 MiB body written to a file chunk by chunk, in a small fraction of its size in memory.

BODY_SIZE = 50 * MiB
"""About the size of the body the check saves (a few KiB are added at random, so that the size is not round)."""
MAX_PEAK_FRACTION = 1 / 10
"""The most the learner's function may allocate at once, as a fraction of the body: read() holds twice the body,
so this is 1/20 of what read() takes, the margin lesson 06 asserts. Streaming in 64 KiB chunks takes about 1/80."""
SERVER_CHUNK = 64 * 1024
OLD_CONTENT = b"an older download that the new one must replace\n" * 1000
"""What the file holds before the check calls save_to_file: the answer must replace it, not add to it."""


async def _sha256_of(session: aiohttp.ClientSession, url: str) -> str:
    """The SHA-256 of a body, read by the check itself, chunk by chunk."""
    digest = hashlib.sha256()
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for chunk in resp.content.iter_chunked(SERVER_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _size_of(path: Path) -> int | None:
    """The size of the file at `path`, or None when there is none."""
    return path.stat().st_size if path.is_file() else None


def _sha256_of_file(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _expect_file_is_the_body(path: Path, size: int, expected_digest: str) -> None:
    expect(
        path.is_file(),
        f"after save_to_file returned there was no file at {path.name}: open the path you were given with "
        "open(path, 'wb') and write the body into it",
    )
    written = path.stat().st_size
    if written == size + len(OLD_CONTENT) and path.read_bytes()[: len(OLD_CONTENT)] == OLD_CONTENT:
        raise NotYet(
            f"the file holds {written:,} bytes: what it held before ({len(OLD_CONTENT):,} bytes), followed by the "
            f"{size:,} bytes of the body. Open it with mode 'wb', which replaces an older file, not 'ab'"
        )
    expect(
        written <= size,
        f"the file holds {written:,} bytes, more than the {size:,} bytes the server sent: write each chunk once, "
        "as the bytes it is (a file opened in text mode, or a body decoded as text and encoded back, changes them)",
    )
    expect(
        written == size,
        f"the file holds {written:,} of the {size:,} bytes the server sent: keep reading and writing until the "
        "stream has no more (an `async for` over the chunks, or a loop that stops when a read returns b'')",
    )
    expect(
        _sha256_of_file(path) == expected_digest,
        f"the file holds {written:,} bytes, as many as the server sent, but not the same bytes: write every "
        "chunk as it came, as bytes, in order (no decoding, no re-encoding)",
    )


async def _expect_error_status_raises(save_to_file, session: aiohttp.ClientSession, url: str, path: Path) -> None:
    what = "for a 404 response"

    def returned(result: Any) -> str:
        saved = _size_of(path)
        if saved is not None:
            return (
                f"{what} save_to_file saved the error page ({saved} bytes) to {path.name} as if it were the file, "
                "and returned: a body is no proof of success. Check the status first: resp.raise_for_status() "
                "raises aiohttp.ClientResponseError for a status of 400 or more"
            )
        return f"{what} save_to_file returned {result!r}; it should raise aiohttp.ClientResponseError"

    await expect_response_error(save_to_file(session, url, path), 404, f"{what} save_to_file", returned)
    expect(
        _size_of(path) is None,
        f"{what} save_to_file raised ClientResponseError, as it should, but it had already created the file "
        f"{path.name} (an empty or half-written download looks like a file that is there). Check the status "
        "before you open the file",
    )


@exercise(
    "06.1",
    "save a large download to a file chunk by chunk, in little memory",
    "save_to_file",
    (
        "Look at the status before you open the file. Then write each piece of the body to the file as it "
        "arrives, so that only one piece is ever in memory, and add up the sizes of the pieces as you go.",
        "`resp.raise_for_status()` first; then `open(path, 'wb')` (wb replaces an older file) and an "
        "`async for chunk in resp.content.iter_chunked(64 * 1024)` loop that writes each chunk and adds "
        "`len(chunk)` to the total you return. `resp.read()` would hold the whole body (twice, at its peak).",
    ),
)
async def check_save_to_file(save_to_file) -> None:
    from lesson_helpers import ServerProcess, trace_memory  # the lesson's helpers: imported only when checked

    size = BODY_SIZE + random.randrange(1, 64 * 1024)
    seed = secrets.randbits(32)  # bytes the learner cannot know in advance: the file must come from the response
    with tempfile.TemporaryDirectory(prefix="check-06.1-") as folder:
        path = Path(folder) / "download.bin"
        path.write_bytes(OLD_CONTENT)
        async with ServerProcess() as other, aiohttp.ClientSession() as session:
            url = f"{other.url}/stream-bytes/{size}?seed={seed}&chunk_size={SERVER_CHUNK}"
            trace = await trace_memory(save_to_file(session, url, path))
            written = trace.result
            expect(
                not isinstance(written, bool),
                f"save_to_file returned {written!r}; return the number of bytes it wrote, an int",
            )
            expect_type(written, int, "save_to_file", "the number of bytes it wrote, an int")
            _expect_file_is_the_body(path, size, await _sha256_of(session, url))
            expect(
                written == size,
                f"save_to_file returned {written:,}, but it wrote {size:,} bytes: return the number of bytes "
                "written (the sum of len(chunk) over the chunks), not the number of chunks or a position",
            )
            most = MAX_PEAK_FRACTION * size
            expect(
                trace.peak <= most,
                f"the file is right, but save_to_file had {trace.peak / MiB:,.1f} MiB allocated at once while "
                f"it saved a {size / MiB:,.0f} MiB body; streaming needs well under {most / MiB:,.0f} MiB (a tenth "
                "of the body). Something held much of the body in memory: resp.read() or resp.text() (which "
                "hold all of it), or chunks collected in a list or a bytes object before writing. Write each "
                "chunk to the file as soon as it arrives, and keep nothing else",
            )
            expect_session_open(session, "save_to_file")
            error_url = f"{other.url}/no-such-download.bin"  # a 404 with a body: the page a missing file gets
            await _expect_error_status_raises(save_to_file, session, error_url, Path(folder) / "error.bin")


# ---------------------------------------------------------------------------------------------------
# 06.2 first_bytes: exactly the first n bytes of a body that never ends, sent in small pieces at first.

HEAD_PIECES = (3, 5, 7, 11)
"""How the first bytes are sent: 3 bytes, a pause, 5 bytes, a pause... One read returns only the first piece."""
FILLER_PIECE = 16 * 1024
PREFIX_SIZE = 256 * 1024
"""The bytes the check knows in advance (the body goes on for ever with other random bytes)."""
FIRST_BYTES_CASES = (16, 3, 100_000)
"""The n the check asks for: across the first pieces, exactly the first piece, and across many later ones."""


def _byte_pieces(prefix: bytes) -> Callable[[web.Request], Iterator[tuple[float, bytes]]]:
    def pieces(request: web.Request) -> Iterator[tuple[float, bytes]]:
        head = 0
        for size in HEAD_PIECES:
            yield (PIECE_PAUSE if head else 0.0), prefix[head : head + size]
            head += size
        for start in range(head, len(prefix), FILLER_PIECE):
            yield FEED_PAUSE, prefix[start : start + FILLER_PIECE]
        while True:
            yield FEED_PAUSE, random.randbytes(FILLER_PIECE)

    return pieces


def _what_was_wrong(got: bytes, n: int, prefix: bytes) -> str:
    call = f"first_bytes(session, url, {n})"
    if len(got) < n and got == prefix[: len(got)]:
        if len(got) == HEAD_PIECES[0]:
            return (
                f"{call} returned {len(got)} bytes: the first piece the server sent, and nothing more. One "
                "read(n) (or the first chunk of iter_chunked(n) or iter_any()) returns what has arrived so far, "
                f"at most n bytes and often fewer: this server sends its first bytes in pieces of {HEAD_PIECES}. "
                "Read again until you have n bytes, or use resp.content.readexactly(n), which does"
            )
        return f"{call} returned only the first {len(got)} of the {n} bytes: keep reading until you have all {n}"
    if len(got) > n and got[:n] == prefix[:n]:
        return (
            f"{call} returned {len(got)} bytes: the first {n} and more. The last read gave more than was still "
            f"missing: return exactly n bytes (ask the last read for only what is missing, or slice)"
        )
    return f"{call} returned {len(got)} bytes that are not the first bytes of the body the server sent"


@exercise(
    "06.2",
    "exactly the first n bytes of a body, and no more of it downloaded",
    "first_bytes",
    (
        "One read of the stream gives whatever has arrived so far, which can be fewer bytes than you asked "
        "for. Keep reading until you have n bytes, then return at once: leaving the block stops the download.",
        "`await resp.content.readexactly(n)` waits until exactly n bytes have arrived; a loop of "
        "`resp.content.read(n - len(got))` does the same by hand. `resp.read()` would wait for the end of a "
        "body that never ends.",
    ),
)
async def check_first_bytes(first_bytes) -> None:
    prefix = random.randbytes(PREFIX_SIZE)
    server = _EndlessServer(_byte_pieces(prefix))
    async with _serving_endless(server) as (url, session, _responses):
        for n in FIRST_BYTES_CASES:
            call = f"first_bytes(session, url, {n})"
            got = await _call_with_deadline(call, first_bytes(session, url, n), sent=f"{PREFIX_SIZE:,} bytes")
            expect_type(got, bytes, call, f"the first {n} bytes of the body, as bytes")
            expect(got == prefix[:n], _what_was_wrong(got, n, prefix))
            await server.expect_left(call)
        expect_session_open(session, "first_bytes")


# ---------------------------------------------------------------------------------------------------
# 06.3 find_document: the document with a given id, from a stream of JSON lines that never ends.

STREAM_LINES = 5
"""The local server's /stream/5, read first: a stream of JSON lines that ends."""
WANTED_IDS = range(5, 13)
"""The id the check asks for in its endless stream, picked at random: the answer must read that far."""
MIN_PIECE, MAX_PIECE = 40, 400


def _document_lines(request: web.Request) -> Iterator[bytes]:
    """Line after line of /stream/{n}'s documents (the request described, plus an id), for ever."""
    base = describe_request(request).select(GET_FIELDS)
    n = 0
    while True:
        yield (json.dumps({**base, "id": n}, sort_keys=True) + "\n").encode()
        n += 1


def _line_pieces(request: web.Request) -> Iterator[tuple[float, bytes]]:
    """The lines, cut into pieces of random sizes that always end inside a line (never at or just before its end).

    Whatever pieces arrive together, a chunk then never holds whole lines only: a chunk parsed as a line fails.
    The first piece is half of the first line, and the second comes after a longer pause.
    """
    lines = _document_lines(request)
    buffer = b""
    for index in itertools.count():
        while len(buffer) < 2 * MAX_PIECE:
            buffer += next(lines)
        cut = len(buffer.partition(b"\n")[0]) // 2 if index == 0 else random.randint(MIN_PIECE, MAX_PIECE)
        while b"\n" in buffer[cut - 1 : cut + 1]:  # the piece would end at a line's end, or one byte before it
            cut += 2
        pause = (0.0, PIECE_PAUSE)[index] if index < 2 else FEED_PAUSE
        yield pause, buffer[:cut]
        buffer = buffer[cut:]


async def _expect_document(
    find_document, session, url: str, wanted: int, expected: dict, *, endless: bool, responses: list
) -> None:
    """find_document returns `expected`; `responses` is the list of responses `session` has received."""
    call = f"find_document(session, url, {wanted})"
    asked_before = len(responses)
    try:
        if endless:
            sent = f"the line with id {wanted}"
            found = await _call_with_deadline(call, find_document(session, url, wanted), sent=sent)
        else:
            found = await find_document(session, url, wanted)
    except json.JSONDecodeError as exc:
        raise NotYet(
            f"your code raised JSONDecodeError ({exc}): it parsed a piece of the body that is not one whole line. "
            "Chunks (from iter_any, iter_chunked or read(n)) end wherever the network split the data, in the "
            "middle of a line or after several: read the body line by line, with `async for line in "
            "resp.content` or resp.content.readline()"
        ) from None
    if found is None and len(responses) > asked_before and not endless:
        raise NotYet(
            f"{call} returned None: the stream ended (it holds {STREAM_LINES} documents, ids 0 to "
            f"{STREAM_LINES - 1}) without your code recognising the document whose id is {wanted}. The 'id' of "
            "a parsed document is an int, as in the JSON: compare it with wanted_id as it is"
        )
    if isinstance(found, bytes | str):
        raise NotYet(f"{call} returned the line as {type(found).__name__}: parse it with json.loads, return the dict")
    expect_type(found, dict, call, "the document, parsed into a dict")
    expect(
        found.get("id") == wanted,
        f"{call} returned the document with id {found.get('id')!r}; return the first one whose 'id' is {wanted}",
    )
    expect(found == expected, f"{call} returned {found!r}; the server sent {expected!r}")


@exercise(
    "06.3",
    "the first matching document from a stream of JSON lines that never ends",
    "find_document",
    (
        "Read the body one line at a time as the lines arrive, parse each line on its own, and return as soon "
        "as you meet the document you want. A chunk of the body is not a line: it may end in the middle of one.",
        "`async for line in resp.content:` gives one line at a time, as bytes ending in a newline (or call "
        "`await resp.content.readline()`, which returns b'' at the end); `json.loads(line)` parses it. "
        "Return inside the `async with` block: leaving it closes the response.",
    ),
)
async def check_find_document(find_document) -> None:
    local = await start_local_server()
    stream_url = f"{local.url}/stream/{STREAM_LINES}"
    async with _noting_session() as (session, responses):
        async with session.get(stream_url) as resp:
            documents = [json.loads(line) async for line in resp.content]
        for wanted in (STREAM_LINES - 1, 0):
            await _expect_document(
                find_document, session, stream_url, wanted, documents[wanted], endless=False, responses=responses
            )
        expect_session_open(session, "find_document")

    token = secrets.token_hex(4)  # echoed in every document: what the answer returns must come from the stream
    wanted = random.choice(WANTED_IDS)
    server = _EndlessServer(_line_pieces, content_type="application/json")
    async with _serving_endless(server) as (url, session, responses):
        url = f"{url}?token={token}"
        async with session.get(url) as resp:  # what the documents hold, read by the check: up to the one wanted
            expected = [json.loads(await resp.content.readline()) for _ in range(wanted + 1)][wanted]
        await _expect_document(find_document, session, url, wanted, expected, endless=True, responses=responses)
        await server.expect_left(f"find_document(session, url, {wanted})")
        expect_session_open(session, "find_document")
