"""Failures on purpose: /flaky /stall /truncated /disconnect, and the SilentListener a connection never completes to."""

from __future__ import annotations

import asyncio
import socket
import time

import aiohttp
import pytest
from aiohttp.test_utils import TestClient
from conftest import assert_json_error, json_body

from local_server import Limits, SilentListener, create_app
from local_server.app import ROUTE_GROUPS
from local_server.endpoints.faults import BROKEN_ON_PURPOSE, AttemptCounter

# --- /flaky/{key} -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "statuses"),
    [
        pytest.param("", [503, 503, 200, 200], id="default-two-503s"),
        pytest.param("?failures=0", [200, 200], id="never-fails"),
        pytest.param("?failures=1&status=500", [500, 200], id="one-500"),
        pytest.param("?failures=3&status=429", [429, 429, 429, 200], id="three-429s"),
        pytest.param("?failures=2&status=599", [599, 599, 200], id="highest-5xx"),
    ],
)
async def test_flaky_fails_the_first_requests_then_succeeds(client, query, statuses):
    seen = []
    for attempt, expected in enumerate(statuses, start=1):
        resp = await client.get(f"/flaky/k1{query}")
        body = await json_body(resp)
        seen.append(resp.status)
        assert body["attempt"] == attempt
        assert body["succeeded"] is (expected == 200)
    assert seen == statuses


async def test_flaky_counts_each_key_on_its_own(client):
    assert (await client.get("/flaky/a?failures=1")).status == 503
    assert (await client.get("/flaky/b?failures=1")).status == 503
    assert (await client.get("/flaky/a?failures=1")).status == 200
    assert (await json_body(await client.get("/flaky/b?failures=1")))["attempt"] == 2


async def test_flaky_body_says_key_attempt_and_failures(client):
    resp = await client.get("/flaky/my-key_1.x?failures=1")
    assert await json_body(resp) == {"attempt": 1, "failures": 1, "key": "my-key_1.x", "succeeded": False}


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param("/flaky/" + "k" * 65, "the key must be 1 to 64", id="key-too-long"),
        pytest.param("/flaky/a%20b", "the key must be", id="key-with-space"),
        pytest.param("/flaky/%C3%A9", "the key must be", id="key-not-ascii"),
        pytest.param("/flaky/k?failures=21", "failures must be at most 20", id="too-many-failures"),
        pytest.param("/flaky/k?failures=-1", "failures must be at least 0", id="negative-failures"),
        pytest.param("/flaky/k?failures=x", "failures must be a whole number", id="failures-not-a-number"),
        pytest.param("/flaky/k?status=404", "status must be 429 or a 5xx", id="status-4xx"),
        pytest.param("/flaky/k?status=200", "status must be 429 or a 5xx", id="status-2xx"),
        pytest.param("/flaky/k?status=600", "status must be 429 or a 5xx", id="status-600"),
        pytest.param("/flaky/k?status=5e2", "status must be a whole number", id="status-not-an-int"),
    ],
)
async def test_flaky_bad_input_is_a_json_400(client, path, fragment):
    await assert_json_error(await client.get(path), 400, fragment)


def test_attempt_counter_forgets_the_oldest_key_beyond_its_size():
    counter = AttemptCounter(max_keys=2)
    assert [counter.next_attempt(key) for key in ["a", "b", "a", "c"]] == [1, 1, 2, 1]
    assert counter.next_attempt("b") == 1, "b was the oldest when c came: it starts over"
    assert counter.next_attempt("a") == 1, "a was then the oldest when b came back"


async def test_flaky_remembers_at_most_the_limit_of_keys(aiohttp_client):
    client: TestClient = await aiohttp_client(create_app(Limits(max_flaky_keys=3)))
    for key in ["a", "b", "c", "d"]:
        assert (await client.get(f"/flaky/{key}?failures=1")).status == 503
    assert (await client.get("/flaky/a?failures=1")).status == 503, "a was forgotten: it fails again"
    assert (await client.get("/flaky/d?failures=1")).status == 200


# --- /stall/{delay} -----------------------------------------------------------------------------


async def test_stall_sends_the_first_line_at_once_and_the_rest_after_the_delay(client):
    started = time.monotonic()
    resp = await client.get("/stall/0.3")
    assert resp.status == 200
    first = await resp.content.readline()
    at_first = time.monotonic() - started
    rest = await resp.content.read()
    at_end = time.monotonic() - started
    assert first == b"first line, sent at once\n"
    assert rest == b"last line, sent after 0.3 s\n"
    assert at_first < 0.25, f"the first line took {at_first:.2f} s"
    assert at_end >= 0.3, f"the last line came after {at_end:.2f} s"
    assert resp.content_length == len(first) + len(rest)


async def test_stall_trips_a_read_timeout_in_the_body(client):
    resp = await client.get("/stall/2", timeout=aiohttp.ClientTimeout(sock_read=0.2))
    assert resp.status == 200, "the headers came at once"
    with pytest.raises(aiohttp.SocketTimeoutError):
        await resp.read()


async def test_stall_head_is_headers_only(client):
    started = time.monotonic()
    resp = await client.head("/stall/5")
    assert resp.status == 200
    assert await resp.read() == b""
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param("/stall/11", "delay must be at most 10", id="over-the-limit"),
        pytest.param("/stall/-1", "delay must be at least 0", id="negative"),
        pytest.param("/stall/soon", "delay must be a number", id="not-a-number"),
    ],
)
async def test_stall_bad_delay_is_a_json_400(client, path, fragment):
    await assert_json_error(await client.get(path), 400, fragment)


async def test_stall_client_that_gives_up_breaks_nothing(client):
    resp = await client.get("/stall/1", timeout=aiohttp.ClientTimeout(total=0.1))
    with pytest.raises(asyncio.TimeoutError):
        await resp.read()
    assert (await client.get("/get")).status == 200


# --- /truncated/{n} and /disconnect: broken on purpose ------------------------------------------


@pytest.mark.parametrize("n", [2, 100, 1024 * 1024])
async def test_truncated_sends_half_of_what_it_announces(client, n):
    resp = await client.get(f"/truncated/{n}")
    assert resp.status == 200
    assert resp.content_length == n
    with pytest.raises(aiohttp.ClientPayloadError, match=f"received {n // 2} of {n} bytes"):
        await resp.read()
    assert (await client.get("/get")).status == 200, "the server answers the next request"


async def test_truncated_head_is_complete(client):
    resp = await client.head("/truncated/100")
    assert (resp.status, resp.content_length) == (200, 100)


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param("/truncated/1", "n must be at least 2", id="too-small"),
        pytest.param(f"/truncated/{1024 * 1024 + 1}", "n must be at most 1048576", id="over-the-limit"),
        pytest.param("/truncated/ten", "n must be a whole number", id="not-a-number"),
    ],
)
async def test_truncated_bad_size_is_a_json_400(client, path, fragment):
    await assert_json_error(await client.get(path), 400, fragment)


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE", "PATCH"])
async def test_disconnect_closes_without_an_answer(client, method):
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await client.request(method, "/disconnect", data=b"body")
    assert (await client.get("/get")).status == 200, "the server answers the next request"


async def test_disconnect_sends_no_byte(client):
    """Read from a raw socket: not even a status line comes before the close."""
    host, port = client.server.host, client.server.port
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"GET /disconnect HTTP/1.1\r\nHost: x\r\n\r\n")
    await writer.drain()
    assert await asyncio.wait_for(reader.read(), 2) == b""
    writer.close()


# --- SilentListener: a port whose handshake never completes --------------------------------------


@pytest.mark.parametrize("field", ["connect", "sock_connect"])
async def test_silent_listener_makes_the_connect_timeout_fire(field):
    with SilentListener() as url:
        assert url.startswith("http://127.0.0.1:")
        async with aiohttp.ClientSession() as session:
            started = time.monotonic()
            with pytest.raises(aiohttp.ConnectionTimeoutError):
                await session.get(url, timeout=aiohttp.ClientTimeout(**{field: 0.2}))
            assert 0.2 <= time.monotonic() - started < 2


def test_silent_listener_closes_its_sockets():
    listener = SilentListener()
    url = listener.open()
    port = int(url.rsplit(":", 1)[1].rstrip("/"))
    listener.close()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "nothing listens there once closed"
    with pytest.raises(RuntimeError, match="not open"):
        _ = listener.url


def test_the_routes_broken_on_purpose_are_routes_of_the_server():
    """The abuse tests excuse a broken answer from these templates only: each must be a real route."""
    templates = {route.path for routes in ROUTE_GROUPS.values() for route in routes}
    assert set(BROKEN_ON_PURPOSE) <= templates
