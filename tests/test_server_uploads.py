"""/upload: a body streamed to nowhere, answered with its size, SHA-256 and read time; a limit of its own (1 GiB).

The limit is `Limits.max_upload_size`, checked by the body-size middleware (a declared Content-Length) and
while the body streams (a chunked one); the other endpoints keep `max_body_size`. The tests of the limits
run with a small `max_upload_size` to stay quick, and one test checks the default by a declared length.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import io
import time
import zlib

import aiohttp
import brotli
import psutil
import pytest
from conftest import assert_json_error, json_body

from lesson_helpers.server_process import ServerProcess
from local_server import Limits, create_app
from local_server.limits import DEFAULT_MAX_BODY_SIZE, GiB, MiB

RECEIPT_KEYS = {"bytes", "sha256", "seconds", "content_encoding", "encoded_bytes", "chunked"}
TEXT = b"an upload, line after line\n" * 4000  # 108 KB
ZEROS = bytes(MiB)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def chunks(data: bytes, size: int = 64 * 1024):
    """A body without Content-Length: aiohttp sends an async generator chunked."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


# (method, request kwargs factory, the body the server must count, Content-Encoding, bytes sent, chunked)
UPLOADS = [
    pytest.param("POST", lambda: {"data": TEXT}, TEXT, None, len(TEXT), False, id="post-with-content-length"),
    pytest.param("PUT", lambda: {"data": TEXT}, TEXT, None, len(TEXT), False, id="put-with-content-length"),
    pytest.param("POST", lambda: {"data": chunks(TEXT)}, TEXT, None, len(TEXT), True, id="post-chunked"),
    pytest.param("PUT", lambda: {"data": chunks(TEXT[:5000], 1)}, TEXT[:5000], None, 5000, True, id="1-byte-chunks"),
    pytest.param("POST", dict, b"", None, 0, False, id="no-body"),
    pytest.param(
        "POST", lambda: {"data": io.BytesIO(ZEROS * 3)}, ZEROS * 3, None, 3 * MiB, False, id="over-the-echo-limit"
    ),
    pytest.param(
        "POST",
        lambda: {"data": gzip.compress(ZEROS), "headers": {"Content-Encoding": "gzip"}},
        ZEROS,
        "gzip",
        len(gzip.compress(ZEROS)),
        False,
        id="gzip-counted-decoded",
    ),
    pytest.param(
        "PUT",
        lambda: {"data": chunks(zlib.compress(TEXT), size=100), "headers": {"Content-Encoding": "deflate"}},
        TEXT,
        "deflate",
        len(zlib.compress(TEXT)),
        True,
        id="deflate-chunked",
    ),
    pytest.param(
        "POST",
        lambda: {"data": brotli.compress(TEXT), "headers": {"Content-Encoding": "br"}},
        TEXT,
        "br",
        len(brotli.compress(TEXT)),
        False,
        id="br",
    ),
    pytest.param(
        "POST",
        lambda: {"data": TEXT, "headers": {"Content-Encoding": "identity"}},
        TEXT,
        None,
        len(TEXT),
        False,
        id="identity",
    ),
]


@pytest.mark.parametrize(("method", "make_kwargs", "counted", "encoding", "sent", "chunked"), UPLOADS)
async def test_upload_answers_size_hash_and_time(client, method, make_kwargs, counted, encoding, sent, chunked):
    resp = await client.request(method, "/upload", **make_kwargs())
    assert resp.status == 200
    body = await json_body(resp)
    assert set(body) == RECEIPT_KEYS
    assert body == {
        "bytes": len(counted),
        "sha256": sha256(counted),
        "seconds": body["seconds"],
        "content_encoding": encoding,
        "encoded_bytes": sent,
        "chunked": chunked,
    }
    assert isinstance(body["seconds"], float | int) and 0 <= body["seconds"] < 10


async def test_upload_keeps_nothing_between_requests(client):
    first = await json_body(await client.post("/upload", data=b"a" * 1000))
    second = await json_body(await client.post("/upload", data=b"b" * 10))
    assert (first["bytes"], second["bytes"]) == (1000, 10)
    assert second["sha256"] == sha256(b"b" * 10)


# --- its limit, and the other endpoints' -----------------------------------------------------------

SMALL = Limits(max_body_size=10, max_upload_size=1000)


@pytest.fixture
async def small_client(aiohttp_client):
    return await aiohttp_client(create_app(SMALL))


# (method, path, request kwargs factory, the status, a fragment of the error)
SMALL_LIMIT_CASES = [
    pytest.param("POST", "/upload", lambda: {"data": b"x" * 1000}, 200, None, id="upload-at-the-limit"),
    pytest.param("PUT", "/upload", lambda: {"data": chunks(b"x" * 1000, 7)}, 200, None, id="chunked-at-the-limit"),
    pytest.param("POST", "/upload", lambda: {"data": b"x" * 11}, 200, None, id="upload-over-the-echo-limit"),
    pytest.param(
        "POST", "/upload", lambda: {"data": io.BytesIO(b"x" * 1001)}, 413, "limit of 1000 bytes", id="declared-over"
    ),
    pytest.param(
        "PUT", "/upload", lambda: {"data": chunks(b"x" * 1001, 100)}, 413, "limit of 1000 bytes", id="chunked"
    ),
    pytest.param(
        "POST", "/upload", lambda: {"data": chunks(b"x" * 5000, 5000)}, 413, "limit of 1000 bytes", id="one-chunk"
    ),
    pytest.param(
        "POST",
        "/upload",
        lambda: {"data": gzip.compress(bytes(1001)), "headers": {"Content-Encoding": "gzip"}},
        413,
        "limit of 1000 bytes",
        id="gzip-decoding-to-over-the-limit",
    ),
    pytest.param("POST", "/post", lambda: {"data": b"x" * 10}, 200, None, id="post-keeps-its-limit"),
    pytest.param("POST", "/post", lambda: {"data": b"x" * 11}, 413, "limit of 10 bytes", id="post-over-its-limit"),
    pytest.param("PUT", "/put", lambda: {"data": chunks(b"x" * 11, 3)}, 413, "limit of 10 bytes", id="put-chunked"),
]


@pytest.mark.parametrize(("method", "path", "make_kwargs", "status", "fragment"), SMALL_LIMIT_CASES)
async def test_upload_has_its_own_limit(small_client, method, path, make_kwargs, status, fragment):
    resp = await small_client.request(method, path, **make_kwargs())
    if fragment is None:
        assert resp.status == status
        await resp.read()
    else:
        await assert_json_error(resp, status, f"the request body is larger than the {fragment}")


async def raw_answer(port: int, request: bytes) -> bytes:
    """Send `request` (which may leave its body unfinished) and read one answer: its head and its body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        async with asyncio.timeout(5):
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))[15:])
            return head + await reader.readexactly(length)
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def test_chunked_upload_is_refused_as_soon_as_it_crosses_the_limit(small_client):
    """The 413 comes while the body is still coming: 1001 bytes of a chunked body that never ends."""
    head = b"POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    answer = await raw_answer(small_client.port, head + b"3e9\r\n" + b"x" * 1001 + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:100]
    assert b'"error": "the request body is larger than the limit of 1000 bytes"' in answer


async def test_the_default_upload_limit_is_1_gib(client):
    assert Limits().max_upload_size == GiB == 1024**3
    assert Limits().max_body_size == DEFAULT_MAX_BODY_SIZE == MiB
    over = b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\nabc" % (GiB + 1)
    answer = await raw_answer(client.port, over)  # refused from the Content-Length alone, before reading
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:100]
    assert b"the request body is larger than the limit of 1073741824 bytes" in answer
    resp = await client.put("/upload", data=io.BytesIO(b"x" * (2 * MiB)))  # twice what /put takes
    assert (await json_body(resp))["bytes"] == 2 * MiB


# --- bodies it cannot read -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
@pytest.mark.parametrize("framing", ["content-length", "chunked"])
async def test_upload_that_is_not_what_its_content_encoding_says_is_400(client, encoding, framing):
    data = TEXT if framing == "content-length" else chunks(TEXT, 1000)
    resp = await client.post("/upload", data=data, headers={"Content-Encoding": encoding})
    await assert_json_error(resp, 400, "the body could not be read")
    assert resp.headers["Connection"] == "close"


async def test_upload_in_a_coding_the_server_does_not_decode_is_415(client):
    resp = await client.post("/upload", data=TEXT, headers={"Content-Encoding": "compress"})
    await assert_json_error(resp, 415, "not Content-Encoding: compress")


# --- memory: the body is never held ----------------------------------------------------------------

UPLOAD_SIZE = 500 * 1000 * 1000
"""500 MB, sent in chunks of 1 MB."""
MEMORY_BOUND = 64 * MiB
"""How much the server's resident memory may grow while the 500 MB go through (it grows by about 1 MiB)."""


async def resident_peak(process: psutil.Process, done: asyncio.Event) -> int:
    """The largest resident set size of `process` seen until `done`, sampled every 5 ms."""
    peak = process.memory_info().rss
    while not done.is_set():
        peak = max(peak, process.memory_info().rss)
        await asyncio.sleep(0.005)
    return max(peak, process.memory_info().rss)


async def test_server_memory_stays_flat_during_a_500_mb_upload():
    """The server runs in a process of its own (`python -m local_server`) whose resident memory is sampled
    while 500 MB stream through /upload. Takes about 2 s on 2 cores (server start included)."""
    chunk = b"z" * (1000 * 1000)

    async def body(total: int):
        for _ in range(total // len(chunk)):
            yield chunk

    async with ServerProcess() as server, aiohttp.ClientSession() as session:
        process = psutil.Process(server.process.pid)
        async with session.post(f"{server.url}/upload", data=body(10 * len(chunk))) as warm_up:
            assert warm_up.status == 200  # the first upload allocates the buffers every later one reuses
        baseline = process.memory_info().rss
        done = asyncio.Event()
        sampler = asyncio.create_task(resident_peak(process, done))
        started = time.perf_counter()
        try:
            async with session.post(f"{server.url}/upload", data=body(UPLOAD_SIZE)) as resp:
                receipt = await resp.json()
        finally:
            done.set()
            peak = await sampler
        seconds = time.perf_counter() - started
    growth = peak - baseline
    print(f"\n500 MB upload: server RSS {baseline / MiB:.1f} MiB before, peak {peak / MiB:.1f} MiB")
    print(f"(+{growth / MiB:.1f} MiB), {seconds:.1f} s, {UPLOAD_SIZE / seconds / 1e6:.0f} MB/s")
    assert receipt["bytes"] == UPLOAD_SIZE
    assert receipt["sha256"] == expected_hash(chunk)
    assert growth < MEMORY_BOUND, f"the server's memory grew by {growth / MiB:.1f} MiB during the upload"


def expected_hash(chunk: bytes) -> str:
    """The SHA-256 of the 500 MB: `chunk` over and over."""
    digest = hashlib.sha256()
    for _ in range(UPLOAD_SIZE // len(chunk)):
        digest.update(chunk)
    return digest.hexdigest()
