"""Limits (413 for big bodies, smaller limits through `create_app(Limits(...))`) and no 5xx for odd input."""

from __future__ import annotations

import asyncio
import io
import logging

import aiohttp
import pytest
from conftest import assert_json_error, json_body

from local_server import Limits, create_app

MiB = 1024 * 1024


async def chunks(total: int, size: int = 64 * 1024):
    """An upload without Content-Length: aiohttp sends an async generator chunked."""
    sent = 0
    while sent < total:
        chunk = b"x" * min(size, total - sent)
        sent += len(chunk)
        yield chunk


# --- the default limit on request bodies: 1 MiB -------------------------------------------------


async def test_body_at_the_limit_is_accepted(client):
    resp = await client.post("/post", data=b"x" * MiB)
    assert resp.status == 200
    assert len((await json_body(resp))["data"]) == MiB


def sized(content_type: str, body: bytes) -> dict:
    """A body with a Content-Length (as a file-like object: aiohttp warns about big raw bytes)."""
    return {"data": io.BytesIO(body), "headers": {"Content-Type": content_type}}


@pytest.mark.parametrize(
    "make_kwargs",
    [
        pytest.param(lambda: sized("application/octet-stream", b"x" * (MiB + 1)), id="raw"),
        pytest.param(lambda: sized("application/x-www-form-urlencoded", b"f=" + b"x" * MiB), id="form"),
        pytest.param(lambda: sized("application/json", b'"' + b"x" * MiB + b'"'), id="json"),
        pytest.param(lambda: sized("multipart/form-data; boundary=XX", b"x" * (MiB + 1)), id="multipart"),
        pytest.param(lambda: {"data": chunks(2 * MiB)}, id="chunked-without-content-length"),
        pytest.param(lambda: {"data": chunks(MiB + 1, size=MiB + 1)}, id="chunked-one-chunk"),
    ],
)
@pytest.mark.parametrize("path", ["/post", "/put", "/anything", "/delay/0"])
async def test_body_over_the_limit_is_413(client, path, make_kwargs):
    method = "PUT" if path == "/put" else "POST"
    resp = await client.request(method, path, **make_kwargs())
    await assert_json_error(resp, 413, f"the request body is larger than the limit of {MiB} bytes")


async def test_chunked_upload_is_sent_without_content_length(client):
    resp = await client.post("/post", data=chunks(100))
    assert resp.status == 200
    body = await json_body(resp)
    assert body["data"] == "x" * 100
    assert body["headers"]["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in body["headers"]


async def test_multipart_file_over_the_limit_is_413(client):
    form = aiohttp.FormData()
    form.add_field("file", b"x" * MiB, filename="big.bin")
    resp = await client.post("/post", data=form)
    await assert_json_error(resp, 413, "larger than the limit")


async def test_the_server_answers_again_after_a_413(client):
    resp = await client.post("/post", data=io.BytesIO(b"x" * (2 * MiB)))
    await assert_json_error(resp, 413, "larger than the limit")
    resp = await client.get("/get")
    assert resp.status == 200


# --- smaller limits through create_app(Limits(...)) ---------------------------------------------

SMALL = Limits(
    max_body_size=10,
    max_duration=1,
    max_memory_response=100,
    max_streamed_response=1000,
    max_stream_lines=3,
    max_redirects=2,
    max_links=5,
)


@pytest.fixture
async def small_client(aiohttp_client):
    return await aiohttp_client(create_app(SMALL))


@pytest.mark.parametrize(
    ("method", "path", "data", "status", "fragment"),
    [
        ("POST", "/post", b"x" * 10, 200, None),
        ("POST", "/post", b"x" * 11, 413, "larger than the limit of 10 bytes"),
        ("PUT", "/anything", b"x" * 11, 413, "larger than the limit of 10 bytes"),
        ("GET", "/delay/1.5", None, 400, "delay must be at most 1, got 1.5"),
        ("GET", "/drip?duration=0.6&delay=0.6", None, 400, "the total duration must be at most 1 seconds, got 1.2"),
        ("GET", "/drip?duration=2&delay=0", None, 400, "duration must be at most 1, got 2.0"),
        ("GET", "/range/10?duration=1.5", None, 400, "duration must be at most 1, got 1.5"),
        ("GET", "/bytes/100", None, 200, None),
        ("GET", "/bytes/101", None, 400, "n must be at most 100, got 101"),
        ("GET", "/stream-bytes/1000", None, 200, None),
        ("GET", "/stream-bytes/1001", None, 400, "n must be at most 1000, got 1001"),
        ("GET", "/range/1000", None, 200, None),
        ("GET", "/range/1001", None, 400, "n must be at most 1000, got 1001"),
        ("GET", "/drip?duration=0&delay=0&numbytes=1001", None, 400, "numbytes must be at most 1000, got 1001"),
        ("GET", "/stream/3", None, 200, None),
        ("GET", "/stream/4", None, 400, "n must be at most 3, got 4"),
        ("GET", "/redirect/2", None, 302, None),
        ("GET", "/redirect/3", None, 400, "n must be at most 2, got 3"),
        ("GET", "/absolute-redirect/3", None, 400, "n must be at most 2, got 3"),
        ("GET", "/links/5/4", None, 200, None),
        ("GET", "/links/6", None, 400, "n must be at most 5, got 6"),
    ],
)
async def test_smaller_limits_are_enforced(small_client, method, path, data, status, fragment):
    resp = await small_client.request(method, path, data=data, allow_redirects=False)
    if fragment is None:
        assert resp.status == status
        await resp.read()
    else:
        await assert_json_error(resp, status, fragment)


async def test_smaller_limits_chunked_upload_is_413(small_client):
    resp = await small_client.post("/post", data=chunks(11, size=3))
    await assert_json_error(resp, 413, "larger than the limit of 10 bytes")


async def test_smaller_limits_still_allow_short_waits(small_client):
    resp = await small_client.get("/delay/0.1")
    assert resp.status == 200
    resp = await small_client.get("/drip?duration=0.1&delay=0&numbytes=2")
    assert await resp.read() == b"**"


async def test_default_limits_are_bigger_than_the_small_ones(client):
    """The same requests pass with the default limits: the limits really come from the app."""
    for path in ["/bytes/101", "/stream/4", "/redirect/3", "/links/6/0", "/range/1001"]:
        resp = await client.get(path, allow_redirects=False)
        assert resp.status in {200, 302}, path
        await resp.read()
    resp = await client.post("/post", data=b"x" * 11)
    assert resp.status == 200


# --- no request a client can send gets a 5xx ----------------------------------------------------

MULTIPART = "multipart/form-data; boundary=XX"


def part(headers: str, body: str = "abc") -> bytes:
    return f"--XX\r\nContent-Disposition: form-data; name=f\r\n{headers}\r\n\r\n{body}\r\n--XX--\r\n".encode()


# (method, path, request kwargs, the status expected)
ODD_INPUTS = [
    pytest.param("GET", "/status/%00", {}, 400, id="status-nul"),
    pytest.param("GET", "/status/200:1e999", {}, 400, id="status-infinite-weight"),
    pytest.param("GET", "/bytes/1e99", {}, 400, id="bytes-exponent"),
    pytest.param("GET", "/bytes/99999999999999999999999999", {}, 400, id="bytes-huge"),
    pytest.param("GET", "/bytes/10?seed=" + "9" * 5000, {}, 400, id="seed-too-many-digits"),
    pytest.param("GET", "/delay/nan", {}, 400, id="delay-nan"),
    pytest.param("GET", "/delay/inf", {}, 400, id="delay-inf"),
    pytest.param("GET", "/delay/-0.5", {}, 400, id="delay-negative"),
    pytest.param("GET", "/drip?duration=1e999", {}, 400, id="drip-infinite"),
    pytest.param("GET", "/range/10", {"headers": {"Range": "bytes=abc"}}, 416, id="range-garbage"),
    pytest.param("GET", "/range/10", {"headers": {"Range": "bytes=99999999999999999999-"}}, 416, id="range-huge"),
    pytest.param("GET", "/range/10", {"headers": {"Range": "bytes=5-3"}}, 416, id="range-backwards"),
    pytest.param("GET", "/redirect-to?url=javascript:alert(1)", {}, 400, id="redirect-javascript"),
    pytest.param("GET", "/redirect-to?url=http://%5B::1", {}, 400, id="redirect-bad-ipv6"),
    pytest.param("GET", "/redirect-to?url=/a%0D%0AX-Injected:%201", {}, 302, id="redirect-crlf"),
    pytest.param("GET", "/redirect-to?url=/get&status_code=1e3", {}, 400, id="redirect-status-exponent"),
    pytest.param("GET", "/cookies/set?%3B=1", {}, 400, id="cookie-semicolon-name"),
    pytest.param("GET", "/cookies/set?a=%E2%82%AC%0D%0A", {}, 302, id="cookie-odd-value"),
    pytest.param("GET", "/encoding/..%2F..", {}, 404, id="encoding-dot-dot"),
    pytest.param("GET", "/image/..%2Flogo.png", {}, 404, id="image-dot-dot"),
    pytest.param("GET", "/links/3/99999999999999999999", {}, 400, id="links-huge-offset"),
    pytest.param("GET", "/response-headers?X-A=%0D%0A", {}, 400, id="response-header-crlf"),
    pytest.param("GET", "/response-headers?X-A=%FF", {}, 200, id="response-header-invalid-utf8"),
    pytest.param("GET", "/get?%FF=%FE", {}, 200, id="query-invalid-utf8"),
    pytest.param("GET", "/anything/%FF%00", {}, 200, id="path-invalid-utf8"),
    pytest.param("GET", "/drip?code=204&duration=0&delay=0", {}, 204, id="drip-204"),
    pytest.param("GET", "/drip?code=304&duration=0&delay=0", {}, 304, id="drip-304"),
    pytest.param("HEAD", "/stream/2", {}, 200, id="head-stream"),
    pytest.param("HEAD", "/drip?duration=0&delay=0", {}, 200, id="head-drip"),
    pytest.param("HEAD", "/range/10", {"headers": {"Range": "bytes=0-1"}}, 206, id="head-range"),
    pytest.param("POST", "/get", {}, 405, id="wrong-method"),
    pytest.param("POST", "/post", {"data": "[" * 100_000}, 200, id="json-nested-too-deeply"),
    pytest.param("POST", "/post", {"data": "9" * 5000}, 200, id="json-int-too-long"),
    pytest.param("POST", "/post", {"data": '"\\ud800"'}, 400, id="json-lone-surrogate"),
    pytest.param("POST", "/post", {"data": b"not gzip", "headers": {"Content-Encoding": "gzip"}}, 400, id="bad-gzip"),
    pytest.param("POST", "/post", {"data": b"not br", "headers": {"Content-Encoding": "br"}}, 400, id="bad-brotli"),
    pytest.param(
        "POST",
        "/post",
        {"data": b"a=1", "headers": {"Content-Type": "application/x-www-form-urlencoded; charset=nope"}},
        400,
        id="form-unknown-charset",
    ),
    pytest.param(
        "POST",
        "/post",
        {"data": b"a=%FF", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
        200,
        id="form-invalid-utf8-escape",
    ),
    pytest.param(
        "POST",
        "/post",
        {"data": b"a=\xff", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
        400,
        id="form-invalid-utf8",
    ),
    pytest.param(
        "POST", "/post", {"data": b"garbage", "headers": {"Content-Type": MULTIPART}}, 400, id="multipart-garbage"
    ),
    pytest.param(
        "POST", "/post", {"data": b"--XX--", "headers": {"Content-Type": "multipart/form-data"}}, 400, id="no-boundary"
    ),
    pytest.param(
        "POST",
        "/post",
        {"data": part("Content-Transfer-Encoding: rot13"), "headers": {"Content-Type": MULTIPART}},
        400,
        id="multipart-unknown-transfer-encoding",
    ),
    pytest.param(
        "POST",
        "/post",
        {"data": part("Content-Type: text/plain; charset=nope"), "headers": {"Content-Type": MULTIPART}},
        400,
        id="multipart-unknown-charset",
    ),
    pytest.param(
        "POST",
        "/post",
        {"data": part("Content-Type: application/json", '{"a": 1}'), "headers": {"Content-Type": MULTIPART}},
        200,
        id="multipart-field-not-text",
    ),
]


def safety_net_reached(caplog) -> list[str]:
    """The errors logged by the middleware's 500 path, or by aiohttp's own (an exception outside the handler)."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "local_server" or record.getMessage().startswith("Error handling request")
    ]


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), ODD_INPUTS)
async def test_odd_input_never_reaches_the_500_path(client, caplog, method, path, kwargs, status):
    with caplog.at_level(logging.ERROR):
        resp = await client.request(method, path, allow_redirects=False, **kwargs)
        raw = await resp.read()
    assert resp.status == status, raw
    assert not safety_net_reached(caplog)
    if status >= 400:
        await assert_json_error(resp, status, "")
    if "X-Injected" in path:
        assert "X-Injected" not in resp.headers
        assert "\r" not in resp.headers["Location"] and "\n" not in resp.headers["Location"]


async def raw_request(port: int, request: bytes) -> bytes:
    """Send bytes no well-behaved client would send; return the whole answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), timeout=5)
    finally:
        writer.close()
        await writer.wait_closed()


@pytest.mark.parametrize(
    ("request_head", "status_line"),
    [
        pytest.param(b"GET /get HTTP/1.1\r\nHost: x\r\nX-Test: \xff\xfe\r\n", b"HTTP/1.1 400 ", id="header-not-utf8"),
        pytest.param(b"GET /headers HTTP/1.1\r\nHost: x\r\nX-Test: \xc3\xa9\r\n", b"HTTP/1.1 200 ", id="header-utf8"),
        pytest.param(
            b"GET /user-agent HTTP/1.1\r\nHost: x\r\nUser-Agent: \xff\r\n", b"HTTP/1.1 400 ", id="ua-not-utf8"
        ),
        pytest.param(b"GET /cookies HTTP/1.1\r\nHost: x\r\nCookie: a=\xff\r\n", b"HTTP/1.1 400 ", id="cookie-not-utf8"),
        pytest.param(b"GET /cookies HTTP/1.1\r\nHost: x\r\nCookie: ;;=;\r\n", b"HTTP/1.1 200 ", id="cookie-garbage"),
        pytest.param(b"GET /get HTTP/1.1\r\nHost: \xff\r\n", b"HTTP/1.1 400 ", id="host-not-utf8"),
        pytest.param(b"GET /absolute-redirect/2 HTTP/1.1\r\nHost: \xff\r\n", b"HTTP/1.1 400 ", id="redirect-host"),
        pytest.param(b"GET /get HTTP/1.0\r\n", b"HTTP/1.0 200 ", id="http-1.0-no-host"),
        pytest.param(b"GET /stream/2 HTTP/1.0\r\n", b"HTTP/1.0 200 ", id="http-1.0-stream"),
    ],
)
async def test_raw_odd_requests_never_get_a_5xx(client, caplog, request_head, status_line):
    with caplog.at_level(logging.ERROR):
        answer = await raw_request(client.port, request_head + b"Connection: close\r\n\r\n")
    assert answer.startswith(status_line), answer[:200]
    assert not safety_net_reached(caplog)
    if b" 400 " in status_line:
        assert b"Content-Type: application/json" in answer
        assert b'"error": ' in answer
