"""Request inspection: /headers /user-agent /ip /uuid, and /response-headers that sets headers."""

from __future__ import annotations

import json
import uuid

import pytest
from conftest import ORIGIN, assert_json_error, json_body, sent_headers
from multidict import CIMultiDict


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
        pytest.param("?X-A=1%0D%0AX-Injected:%201", "line break or NUL", id="crlf"),
        pytest.param("?X-A=1%0AX-Injected:%201", "line break or NUL", id="lf"),
        pytest.param("?X-A=1%0D", "line break or NUL", id="cr"),
        pytest.param("?X-A=a%00b", "line break or NUL", id="nul"),
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
