"""Request inspection: /headers /user-agent /ip /uuid /connection (and X-Connection-Id on every response), and
/response-headers and /long-header that set headers."""

from __future__ import annotations

import asyncio
import gc
import json
import uuid

import aiohttp
import pytest
from conftest import ORIGIN, SAMPLE_PATHS, assert_json_error, json_body, sent_headers
from multidict import CIMultiDict

from local_server import Limits, create_app
from local_server.app import ROUTE_GROUPS
from local_server.middleware import CONNECTION_ID_HEADER, connection_numbers


@pytest.mark.parametrize(
    ("headers", "shown"),
    [
        pytest.param({}, {}, id="defaults-only"),
        pytest.param({"x-request-id": "abc"}, {"X-Request-Id": "abc"}, id="title-cased"),
        pytest.param({"Accept": "text/html"}, {"Accept": "text/html"}, id="replaces-default"),
        pytest.param({"Authorization": "Bearer t0ken"}, {"Authorization": "Bearer t0ken"}, id="authorization"),
        pytest.param({"X-Empty": ""}, {"X-Empty": ""}, id="empty-value"),
        pytest.param({"X-Text": "Grüße"}, {"X-Text": "Grüße"}, id="utf8-value"),
    ],
)
async def test_headers_echoes_the_request_headers(client, headers, shown):
    resp = await client.get("/headers", headers=headers)
    assert resp.status == 200
    body = await json_body(resp)
    assert body == {"headers": sent_headers(resp)}
    for name, value in shown.items():
        assert body["headers"][name] == value


async def test_headers_joins_a_repeated_header_with_commas(client):
    resp = await client.get("/headers", headers=CIMultiDict([("x-multi", "a"), ("x-multi", "b"), ("x-multi", "c")]))
    assert resp.request_info.headers.getall("X-Multi") == ["a", "b", "c"]  # three header lines were sent
    body = await json_body(resp)
    assert body["headers"]["X-Multi"] == "a,b,c"
    assert [name for name in body["headers"] if name.lower() == "x-multi"] == ["X-Multi"]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param({"User-Agent": "my-client/1.0"}, "my-client/1.0", id="custom"),
        pytest.param({"User-Agent": ""}, "", id="empty"),
    ],
)
async def test_user_agent(client, headers, expected):
    resp = await client.get("/user-agent", headers=headers)
    assert resp.status == 200
    assert await json_body(resp) == {"user-agent": expected}


async def test_user_agent_default_is_aiohttps(client):
    resp = await client.get("/user-agent")
    body = await json_body(resp)
    assert body == {"user-agent": resp.request_info.headers["User-Agent"]}
    assert body["user-agent"].startswith("Python/3.11 aiohttp/")


async def test_user_agent_missing_is_null(client):
    resp = await client.get("/user-agent", skip_auto_headers=["User-Agent"])
    assert await json_body(resp) == {"user-agent": None}


async def test_ip_is_the_loopback_address(client):
    resp = await client.get("/ip")
    assert resp.status == 200
    assert await json_body(resp) == {"origin": ORIGIN}


async def test_uuid_is_a_fresh_uuid4(client):
    seen = set()
    for _ in range(3):
        resp = await client.get("/uuid")
        assert resp.status == 200
        body = await json_body(resp)
        assert set(body) == {"uuid"}
        value = uuid.UUID(body["uuid"])
        assert value.version == 4
        assert str(value) == body["uuid"]  # canonical form: lower case, with dashes
        seen.add(body["uuid"])
    assert len(seen) == 3


# --- /response-headers --------------------------------------------------------------------------

RESPONSE_HEADER_CASES = [
    pytest.param("", {}, id="none"),
    pytest.param("?freeform=hello", {"freeform": "hello"}, id="one"),
    pytest.param("?X-Custom=1&X-Other=two%20words", {"X-Custom": "1", "X-Other": "two words"}, id="two"),
    pytest.param("?X-Repeat=1&X-Repeat=2", {"X-Repeat": ["1", "2"]}, id="repeated"),
    pytest.param("?Cache-Control=no-store", {"Cache-Control": "no-store"}, id="cache-control"),
    pytest.param("?Set-Cookie=a%3D1&Set-Cookie=b%3D2", {"Set-Cookie": ["a=1", "b=2"]}, id="set-cookie"),
    pytest.param("?X-Empty=", {"X-Empty": ""}, id="empty-value"),
    pytest.param("?Content-Type=text/plain", {"Content-Type": "text/plain"}, id="chosen-content-type"),
    pytest.param(
        "?Content-Type=text/plain%3B%20charset%3Dutf-8",
        {"Content-Type": "text/plain; charset=utf-8"},
        id="with-charset",
    ),
]


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("query", "chosen"), RESPONSE_HEADER_CASES)
async def test_response_headers_sets_and_lists_the_headers(client, method, query, chosen):
    resp = await client.request(method, "/response-headers" + query)
    assert resp.status == 200
    raw = await resp.read()
    for name, value in chosen.items():
        assert resp.headers.getall(name) == (value if isinstance(value, list) else [value])
    content_type = chosen.get("Content-Type", "application/json")
    assert resp.headers.getall("Content-Type") == [content_type]
    assert resp.headers["Content-Length"] == str(len(raw))
    text = raw.decode()
    body = json.loads(text)
    assert text == json.dumps(body, indent=2, sort_keys=True) + "\n"
    assert body == {"Content-Type": content_type, **chosen, "Content-Length": str(len(raw))}


async def test_response_headers_body_is_json_by_default(client):
    resp = await client.get("/response-headers?X-A=1")
    assert resp.content_type == "application/json"
    assert await resp.json() == {
        "Content-Length": resp.headers["Content-Length"],
        "Content-Type": "application/json",
        "X-A": "1",
    }


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        pytest.param("?bad%20name=1", "'bad name' is not a valid header name", id="space"),
        pytest.param("?a:b=1", "'a:b' is not a valid header name", id="colon"),
        pytest.param("?%C3%A9=1", "'é' is not a valid header name", id="non-ascii"),
        pytest.param("?=1", "'' is not a valid header name", id="empty-name"),
        pytest.param("?X-A=1%0D%0AX-Injected:%201", "control character", id="crlf"),
        pytest.param("?X-A=1%0AX-Injected:%201", "control character", id="lf"),
        pytest.param("?X-A=1%0D", "control character", id="cr"),
        pytest.param("?X-A=a%00b", "control character", id="nul"),
        pytest.param("?seed=%08", "control character", id="backspace"),  # hypothesis found it: a 500 before
        pytest.param("?X-A=a%1Bb", "control character", id="escape"),
        pytest.param("?X-A=a%7F", "control character", id="del"),
        pytest.param("?Content-Length=5", "Content-Length is set by the server", id="content-length"),
        pytest.param("?transfer-encoding=chunked", "transfer-encoding is set by the server", id="transfer-encoding"),
        pytest.param("?Connection=close", "Connection is set by the server", id="connection"),
        pytest.param("?Content-Encoding=gzip", "Content-Encoding is set by the server", id="content-encoding"),
        pytest.param("?X-Ok=1&Content-Length=5", "Content-Length is set by the server", id="after-a-good-one"),
    ],
)
async def test_response_headers_refuses_unsafe_headers(client, query, fragment):
    resp = await client.get("/response-headers" + query)
    await assert_json_error(resp, 400, fragment)
    assert "X-Injected" not in resp.headers


# --- /connection and X-Connection-Id --------------------------------------------------------------


async def connection_seen(session: aiohttp.ClientSession, url) -> tuple[int, int, int]:
    """GET /connection: (the number in the body, the request's number on it, the X-Connection-Id header)."""
    async with session.get(url) as resp:
        assert resp.status == 200
        body = await json_body(resp)
    assert set(body) == {"connection", "requests_on_connection"}
    return body["connection"], body["requests_on_connection"], int(resp.headers[CONNECTION_ID_HEADER])


@pytest.mark.parametrize("requests", [1, 2, 5])
async def test_connection_counts_the_requests_on_one_kept_alive_connection(client, requests):
    seen = [await connection_seen(client.session, client.make_url("/connection")) for _ in range(requests)]
    first = seen[0][0]
    assert seen == [(first, n, first) for n in range(1, requests + 1)]


async def via_a_new_session(url) -> tuple[int, int, int]:
    async with aiohttp.ClientSession() as session:
        return await connection_seen(session, url)


async def via_a_one_shot_request(url) -> tuple[int, int, int]:
    async with aiohttp.request("GET", url) as resp:
        body = await json_body(resp)
    return body["connection"], body["requests_on_connection"], int(resp.headers[CONNECTION_ID_HEADER])


@pytest.mark.parametrize("send", [via_a_new_session, via_a_one_shot_request], ids=lambda send: send.__name__)
async def test_each_new_connection_gets_a_new_number(client, send):
    seen = [await send(client.make_url("/connection")) for _ in range(4)]
    ids = [connection for connection, _, _ in seen]
    assert len(set(ids)) == 4
    assert ids == sorted(ids), "numbered in the order the server saw them"
    assert all(number == 1 and header == connection for connection, number, header in seen)


async def test_force_closed_session_gets_a_new_connection_for_every_request(client):
    url = client.make_url("/connection")
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as session:
        seen = [await connection_seen(session, url) for _ in range(3)]
    assert len({connection for connection, _, _ in seen}) == 3
    assert [number for _, number, _ in seen] == [1, 1, 1]


async def test_concurrent_requests_on_one_session_use_several_connections(client):
    url = client.make_url("/delay/0.2")
    async with aiohttp.ClientSession() as session:

        async def connection_of_delay() -> str:
            async with session.get(url) as resp:
                await resp.read()
                return resp.headers[CONNECTION_ID_HEADER]

        ids = await asyncio.gather(*(connection_of_delay() for _ in range(3)))
        again = await connection_of_delay()  # afterwards: one of the three, from the pool
    assert len(set(ids)) == 3
    assert again in ids


def every_route_request() -> list:
    """One request per route (its sample path), with the route's method, plus HEAD, OPTIONS, 404 and 405.

    /disconnect is left out: it sends no response, so there is no header to read.
    """
    cases = []
    for routes in ROUTE_GROUPS.values():
        for route in routes:
            if route.path == "/disconnect":
                continue
            method = "GET" if route.method == "*" else route.method
            cases.append(pytest.param(method, SAMPLE_PATHS[route.path], id=f"{method} {route.path}"))
    cases += [
        pytest.param("HEAD", "/get", id="HEAD /get"),
        pytest.param("OPTIONS", "/post", id="OPTIONS /post"),
        pytest.param("GET", "/no/such/path", id="404"),
        pytest.param("DELETE", "/get", id="405"),
        pytest.param("GET", "/", id="index"),
    ]
    return cases


@pytest.mark.parametrize(("method", "path"), every_route_request())
async def test_every_response_names_its_connection(client, method, path):
    """Streamed responses (/stream, /drip, /range…), errors and redirects included."""
    url = client.make_url("/connection")
    before, _, _ = await connection_seen(client.session, url)
    resp = await client.request(method, path, allow_redirects=False)
    if path.startswith("/truncated/"):  # its body is cut off on purpose, and the connection with it
        with pytest.raises(aiohttp.ClientPayloadError):
            await resp.read()
        assert resp.headers.getall(CONNECTION_ID_HEADER) == [str(before)]
        return
    await resp.read()
    assert resp.headers.getall(CONNECTION_ID_HEADER) == [str(before)]
    if resp.headers.get("Connection", "").lower() != "close":
        assert await connection_seen(client.session, url) == (before, 3, before)


async def test_connection_numbers_are_forgotten_when_connections_close(aiohttp_client):
    app = create_app()
    client = await aiohttp_client(app)
    numbers = connection_numbers(app)
    url = client.make_url("/connection")
    for _ in range(20):
        async with aiohttp.request("GET", url) as resp:
            await resp.read()
    await connection_seen(client.session, url)  # the test client's own connection stays open
    for _ in range(50):  # the server sees the closes a moment after the client made them
        gc.collect()
        if len(numbers) <= 1:
            break
        await asyncio.sleep(0.02)
    assert len(numbers) == 1, f"{len(numbers)} connections remembered; only the test client's is open"
    connection, _, _ = await connection_seen(client.session, url)
    assert connection == 21, "closed connections' numbers are not given again"


# --- /long-header/{n} ---------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 100, 8000])
async def test_long_header_sends_a_header_of_n_bytes(client, n):
    resp = await client.get(f"/long-header/{n}")
    assert resp.status == 200
    assert resp.headers["X-Long-Header"] == "x" * n
    assert await json_body(resp) == {"header": "X-Long-Header", "length": n}


async def test_long_header_over_the_client_default_needs_a_larger_max_field_size(client):
    url = client.make_url("/long-header/20000")
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientResponseError, match="Got more than 8190 bytes"):
            await session.get(url)
    async with aiohttp.ClientSession(max_field_size=32 * 1024) as session:
        async with session.get(url) as resp:
            assert len(resp.headers["X-Long-Header"]) == 20000


async def test_long_header_at_the_limit_is_sent(aiohttp_client):
    client = await aiohttp_client(create_app(Limits(max_long_header=50)), max_field_size=100)
    assert len((await client.get("/long-header/50")).headers["X-Long-Header"]) == 50
    await assert_json_error(await client.get("/long-header/51"), 400, "n must be at most 50")


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param(f"/long-header/{64 * 1024 + 1}", "n must be at most 65536", id="over-the-limit"),
        pytest.param("/long-header/-1", "n must be at least 0", id="negative"),
        pytest.param("/long-header/big", "n must be a whole number", id="not-a-number"),
    ],
)
async def test_long_header_bad_size_is_a_json_400(client, path, fragment):
    await assert_json_error(await client.get(path), 400, fragment)


async def test_response_headers_sends_a_tab_inside_a_value(client):
    resp = await client.get("/response-headers?X-A=a%09b")
    assert resp.status == 200
    assert resp.headers["X-A"] == "a\tb"
