"""Bodies by size and over time: /bytes /stream /stream-bytes /drip /range /delay /links."""

from __future__ import annotations

import json
import re
import string
import time

import pytest
from conftest import ORIGIN, assert_json_error, json_body, sent_headers

MiB = 1024 * 1024
LETTERS = string.ascii_lowercase.encode()


def letters(first: int, last: int) -> bytes:
    """Bytes first..last (inclusive) of the endless body abcdefghijklmnopqrstuvwxyzabc..."""
    return bytes(LETTERS[i % 26] for i in range(first, last + 1))


# --- /bytes/{n} ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 1000, MiB])
async def test_bytes_sends_n_bytes(client, n):
    resp = await client.get(f"/bytes/{n}")
    assert resp.status == 200
    assert resp.content_type == "application/octet-stream"
    raw = await resp.read()
    assert len(raw) == n
    assert resp.headers["Content-Length"] == str(n)


@pytest.mark.parametrize("path", ["/bytes/64?seed=42", "/bytes/64?seed=-7", "/stream-bytes/64?seed=42"])
async def test_seed_makes_the_bytes_repeatable(client, path):
    first = await (await client.get(path)).read()
    second = await (await client.get(path)).read()
    assert first == second
    assert len(first) == 64


@pytest.mark.parametrize("route", ["bytes", "stream-bytes"])
async def test_other_seeds_and_no_seed_give_other_bytes(client, route):
    bodies = [await (await client.get(f"/{route}/64{query}")).read() for query in ["?seed=1", "?seed=2", "", ""]]
    assert len(set(bodies)) == 4


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param(f"/bytes/{MiB + 1}", f"n must be at most {MiB}, got {MiB + 1}", id="over-limit"),
        pytest.param("/bytes/-1", "n must be at least 0, got -1", id="negative"),
        pytest.param("/bytes/abc", "n must be a whole number, got 'abc'", id="word"),
        pytest.param("/bytes/1.5", "n must be a whole number, got '1.5'", id="float"),
        pytest.param("/bytes/1e3", "n must be a whole number, got '1e3'", id="exponent"),
        pytest.param("/bytes/10?seed=abc", "seed must be a whole number, got 'abc'", id="bad-seed"),
        pytest.param("/stream-bytes/-1", "n must be at least 0, got -1", id="stream-negative"),
        pytest.param("/stream-bytes/abc", "n must be a whole number, got 'abc'", id="stream-word"),
        pytest.param(f"/stream-bytes/{100 * MiB + 1}", f"n must be at most {100 * MiB}", id="stream-over-limit"),
        pytest.param("/stream-bytes/10?chunk_size=0", "chunk_size must be at least 1, got 0", id="chunk-size-zero"),
        pytest.param(f"/stream-bytes/10?chunk_size={MiB + 1}", f"chunk_size must be at most {MiB}", id="chunk-too-big"),
        pytest.param("/stream/101", "n must be at most 100, got 101", id="stream-lines-over-limit"),
        pytest.param("/stream/-1", "n must be at least 0, got -1", id="stream-lines-negative"),
        pytest.param("/stream/x", "n must be a whole number, got 'x'", id="stream-lines-word"),
    ],
)
async def test_bad_sizes_are_400(client, path, fragment):
    resp = await client.get(path)
    await assert_json_error(resp, 400, fragment)


# --- /stream/{n} and /stream-bytes/{n} ----------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 5, 100])
async def test_stream_sends_n_json_lines(client, n):
    resp = await client.get(f"/stream/{n}?a=1")
    assert resp.status == 200
    assert resp.content_type == "application/json"
    assert resp.headers["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in resp.headers
    lines = [line async for line in resp.content]
    assert len(lines) == n
    for i, line in enumerate(lines):
        assert line.endswith(b"\n")
        assert json.loads(line) == {
            "args": {"a": "1"},
            "headers": sent_headers(resp),
            "id": i,
            "origin": ORIGIN,
            "url": f"http://127.0.0.1:{client.port}/stream/{n}?a=1",
        }


@pytest.mark.parametrize(("n", "chunk_size"), [(0, None), (100, None), (25_000, None), (1000, 7), (10, 100)])
async def test_stream_bytes_sends_n_bytes_chunked(client, n, chunk_size):
    query = f"?chunk_size={chunk_size}" if chunk_size else ""
    resp = await client.get(f"/stream-bytes/{n}{query}")
    assert resp.status == 200
    assert resp.content_type == "application/octet-stream"
    assert resp.headers["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in resp.headers
    assert len(await resp.read()) == n


# --- /drip --------------------------------------------------------------------------------------


async def test_drip_spreads_the_bytes_over_the_duration(client):
    start = time.monotonic()
    resp = await client.get("/drip?duration=0.2&delay=0&numbytes=5")
    assert resp.status == 200
    assert resp.content_type == "application/octet-stream"
    assert resp.headers["Content-Length"] == "5"
    assert await resp.read() == b"*****"
    # Five bytes over 0.2 s: a pause of 0.04 s before each byte but the first.
    assert time.monotonic() - start >= 0.16


async def test_drip_waits_for_the_delay(client):
    start = time.monotonic()
    resp = await client.get("/drip?duration=0&delay=0.1&numbytes=3")
    assert await resp.read() == b"***"
    assert time.monotonic() - start >= 0.1


@pytest.mark.parametrize(
    ("query", "status", "body"),
    [
        ("?duration=0&delay=0&code=201", 201, b"**********"),
        ("?duration=0&delay=0&numbytes=1&code=418", 418, b"*"),
        ("?duration=0&delay=0&numbytes=2000", 200, b"*" * 2000),
        ("?duration=0&delay=0&numbytes=3&code=204", 204, b""),
    ],
)
async def test_drip_status_and_sizes(client, query, status, body):
    resp = await client.get("/drip" + query)
    assert resp.status == status
    assert await resp.read() == body


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        pytest.param("?duration=10.5&delay=0", "duration must be at most 10.0, got 10.5", id="duration-over"),
        pytest.param("?duration=0&delay=11", "delay must be at most 10.0, got 11.0", id="delay-over"),
        pytest.param("?duration=6&delay=5", "the total duration must be at most 10.0 seconds, got 11.0", id="sum-over"),
        pytest.param("?duration=-1", "duration must be at least 0, got -1.0", id="negative"),
        pytest.param("?duration=nan", "duration must be a finite number, got 'nan'", id="nan"),
        pytest.param("?delay=abc", "delay must be a number, got 'abc'", id="word"),
        pytest.param("?numbytes=0", "numbytes must be at least 1, got 0", id="no-bytes"),
        pytest.param("?code=abc", "'abc' is not a status code", id="bad-code"),
        pytest.param("?code=700", "status codes must be between 200 and 599, got 700", id="code-out-of-range"),
        pytest.param("?code=200,201", "code must be a single status code", id="code-list"),
    ],
)
async def test_drip_bad_parameters_are_400(client, query, fragment):
    start = time.monotonic()
    resp = await client.get("/drip" + query)
    await assert_json_error(resp, 400, fragment)
    assert time.monotonic() - start < 1  # refused before any waiting


# --- /range/{n} ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 26, 100, 30_000])
async def test_range_without_range_header_sends_everything(client, n):
    resp = await client.get(f"/range/{n}")
    assert resp.status == 200
    assert await resp.read() == letters(0, n - 1)
    assert resp.headers["Content-Length"] == str(n)
    assert resp.headers["Accept-Ranges"] == "bytes"
    assert resp.headers["ETag"] == f"range{n}"
    assert resp.content_type == "application/octet-stream"
    assert "Content-Range" not in resp.headers


@pytest.mark.parametrize(
    ("n", "range_header", "first", "last"),
    [
        pytest.param(26, "bytes=0-9", 0, 9, id="first-ten"),
        pytest.param(26, "bytes=0-0", 0, 0, id="first-byte"),
        pytest.param(26, "bytes=10-", 10, 25, id="open-range"),
        pytest.param(26, "bytes=-3", 23, 25, id="suffix"),
        pytest.param(26, "bytes=-100", 0, 25, id="suffix-longer-than-body"),
        pytest.param(26, "bytes=20-100", 20, 25, id="end-past-body"),
        pytest.param(26, "bytes=25-25", 25, 25, id="last-byte"),
        pytest.param(30, "bytes=24-29", 24, 29, id="wraps-the-alphabet"),
        pytest.param(30_000, "bytes=12345-23456", 12345, 23456, id="across-chunks"),
        pytest.param(26, "bytes=0-1, 5-6", 0, 1, id="first-of-several"),
    ],
)
async def test_range_header_gives_206(client, n, range_header, first, last):
    resp = await client.get(f"/range/{n}", headers={"Range": range_header})
    assert resp.status == 206
    assert await resp.read() == letters(first, last)
    assert resp.headers["Content-Range"] == f"bytes {first}-{last}/{n}"
    assert resp.headers["Content-Length"] == str(last - first + 1)
    assert resp.headers["Accept-Ranges"] == "bytes"
    assert resp.headers["ETag"] == f"range{n}"
    assert resp.content_type == "application/octet-stream"


@pytest.mark.parametrize(
    ("range_header", "fragment"),
    [
        pytest.param("bytes=26-", "is outside the 26 bytes", id="start-past-end"),
        pytest.param("bytes=30-40", "is outside the 26 bytes", id="all-past-end"),
        pytest.param("bytes=5-2", "is outside the 26 bytes", id="backwards"),
        pytest.param("bytes=-0", "is outside the 26 bytes", id="empty-suffix"),
        pytest.param("bytes=abc", "unsupported Range header", id="garbage"),
        pytest.param("bytes=-", "unsupported Range header", id="no-numbers"),
        pytest.param("items=0-1", "unsupported Range header", id="other-unit"),
    ],
)
async def test_unsatisfiable_range_is_416(client, range_header, fragment):
    resp = await client.get("/range/26", headers={"Range": range_header})
    await assert_json_error(resp, 416, fragment)
    assert resp.headers["Content-Range"] == "bytes */26"
    assert resp.headers["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/range/0", "n must be at least 1, got 0"),
        (f"/range/{100 * MiB + 1}", f"n must be at most {100 * MiB}"),
        ("/range/abc", "n must be a whole number, got 'abc'"),
        ("/range/10?duration=11", "duration must be at most 10.0"),
        ("/range/10?chunk_size=0", "chunk_size must be at least 1"),
    ],
)
async def test_range_bad_parameters_are_400(client, path, fragment):
    resp = await client.get(path)
    await assert_json_error(resp, 400, fragment)


# --- /delay/{delay} -----------------------------------------------------------------------------


async def test_delay_waits_then_echoes(client):
    start = time.monotonic()
    resp = await client.get("/delay/0.2?a=1")
    assert resp.status == 200
    body = await json_body(resp)
    assert time.monotonic() - start >= 0.2
    assert body == {
        "args": {"a": "1"},
        "data": "",
        "files": {},
        "form": {},
        "headers": sent_headers(resp),
        "origin": ORIGIN,
        "url": f"http://127.0.0.1:{client.port}/delay/0.2?a=1",
    }


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"data": {"f": "v"}}, {"form": {"f": "v"}}),
        ({"data": "text"}, {"data": "text"}),
        ({"json": {"k": 1}}, {"data": '{"k": 1}'}),
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
async def test_delay_accepts_any_method_and_echoes_the_body(client, method, kwargs, fields):
    resp = await client.request(method, "/delay/0", **kwargs)
    assert resp.status == 200
    body = await json_body(resp)
    assert set(body) == {"args", "data", "files", "form", "headers", "origin", "url"}
    assert {name: body[name] for name in fields} == fields


@pytest.mark.parametrize(
    ("delay", "fragment"),
    [
        ("10.5", "delay must be at most 10.0, got 10.5"),
        ("11", "delay must be at most 10.0, got 11.0"),
        ("-1", "delay must be at least 0, got -1.0"),
        ("abc", "delay must be a number, got 'abc'"),
        ("nan", "delay must be a finite number, got 'nan'"),
        ("inf", "delay must be a finite number, got 'inf'"),
        ("1e99", "delay must be at most 10.0"),
    ],
)
async def test_delay_out_of_range_is_400(client, delay, fragment):
    start = time.monotonic()
    resp = await client.get(f"/delay/{delay}")
    await assert_json_error(resp, 400, fragment)
    assert time.monotonic() - start < 5  # refused at once: the only delays it could sleep are 10 s or more


# --- /links/{n} ---------------------------------------------------------------------------------

HREF = re.compile(r"<a href='([^']+)'>(\d+)</a>")


async def test_links_redirects_to_the_first_page(client):
    resp = await client.get("/links/3", allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == "/links/3/0"


async def test_links_page_exact_html(client):
    resp = await client.get("/links/3/1")
    assert resp.status == 200
    assert resp.content_type == "text/html"
    assert await resp.text() == (
        "<html><head><title>Links</title></head><body>"
        "<a href='/links/3/0'>0</a> 1 <a href='/links/3/2'>2</a> </body></html>"
    )


@pytest.mark.parametrize(("n", "offset"), [(1, 0), (5, 0), (5, 4), (10, 7), (200, 199)])
async def test_links_page_links_every_other_page(client, n, offset):
    resp = await client.get(f"/links/{n}/{offset}")
    assert resp.status == 200
    links = HREF.findall(await resp.text())
    assert links == [(f"/links/{n}/{i}", str(i)) for i in range(n) if i != offset]


async def test_links_followed_from_the_start(client):
    resp = await client.get("/links/4")
    assert resp.status == 200
    assert resp.url.path == "/links/4/0"
    next_page = HREF.findall(await resp.text())[0][0]
    resp = await client.get(next_page)
    assert resp.status == 200
    assert HREF.findall(await resp.text())[0] == ("/links/4/0", "0")


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/links/3/3", "offset must be at most 2, got 3"),
        ("/links/3/-1", "offset must be at least 0, got -1"),
        ("/links/3/x", "offset must be a whole number, got 'x'"),
        ("/links/0", "n must be at least 1, got 0"),
        ("/links/0/0", "n must be at least 1, got 0"),
        ("/links/201", "n must be at most 200, got 201"),
        ("/links/abc", "n must be a whole number, got 'abc'"),
    ],
)
async def test_links_out_of_range_is_400(client, path, fragment):
    resp = await client.get(path, allow_redirects=False)
    await assert_json_error(resp, 400, fragment)
