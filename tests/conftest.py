"""Shared fixtures and checks for the local server's unit tests (tests/test_server_*.py).

Every test gets a fresh application through the `client` fixture, so nothing
(cookies, limits, state) leaks from one test into the next. The helpers below are
imported by the test modules: ``from conftest import assert_json_error, json_body``.
"""

from __future__ import annotations

import gc
import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient

from lesson_helpers.server_process import ServerProcess
from local_server import create_app

ORIGIN = "127.0.0.1"
"""The `origin` the server reports: the test client connects from the loopback address."""

ANY_METHOD = frozenset({"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"})
"""What OPTIONS lists for a route that accepts any method."""

SAMPLE_PATHS = {
    "/get": "/get",
    "/post": "/post",
    "/put": "/put",
    "/patch": "/patch",
    "/delete": "/delete",
    "/anything": "/anything",
    "/anything/{path:.*}": "/anything/deep/path",
    "/upload": "/upload",
    "/headers": "/headers",
    "/user-agent": "/user-agent",
    "/ip": "/ip",
    "/uuid": "/uuid",
    "/connection": "/connection",
    "/response-headers": "/response-headers?X-Test=1",
    "/long-header/{n}": "/long-header/16",
    "/status/{codes}": "/status/200",
    "/redirect/{n}": "/redirect/2",
    "/relative-redirect/{n}": "/relative-redirect/2",
    "/absolute-redirect/{n}": "/absolute-redirect/2",
    "/redirect-to": "/redirect-to?url=/get",
    "/cache": "/cache",
    "/cache/{n}": "/cache/60",
    "/etag/{etag}": "/etag/abc",
    "/cookies": "/cookies",
    "/cookies/set": "/cookies/set?a=1",
    "/cookies/set/{name}/{value}": "/cookies/set/a/1",
    "/cookies/delete": "/cookies/delete?a",
    "/cookies/attributes/{name}/{value}": "/cookies/attributes/a/1?max_age=60",
    "/cookies/chain/{n}": "/cookies/chain/2",
    "/basic-auth/{user}/{passwd}": "/basic-auth/user/passwd",
    "/hidden-basic-auth/{user}/{passwd}": "/hidden-basic-auth/user/passwd",
    "/bearer": "/bearer",
    "/digest-auth/{qop}/{user}/{passwd}": "/digest-auth/auth/user/passwd",
    "/digest-auth/{qop}/{user}/{passwd}/{algorithm}": "/digest-auth/auth/user/passwd/SHA-256",
    "/digest-auth/{qop}/{user}/{passwd}/{algorithm}/{stale_after}": "/digest-auth/auth/user/passwd/MD5/3",
    "/auth/token": "/auth/token?uses=3",
    "/auth/protected": "/auth/protected",
    "/json": "/json",
    "/html": "/html",
    "/xml": "/xml",
    "/encoding/utf8": "/encoding/utf8",
    "/encoding/{charset}": "/encoding/utf-8",
    "/base64/{value}": "/base64/SFRUUEJJTiBpcyBhd2Vzb21l",
    "/robots.txt": "/robots.txt",
    "/deny": "/deny",
    "/forms/post": "/forms/post",
    "/image": "/image",
    "/image/{kind}": "/image/png",
    "/gzip": "/gzip",
    "/deflate": "/deflate",
    "/brotli": "/brotli",
    "/bytes/{n}": "/bytes/16?seed=1",
    "/stream/{n}": "/stream/2",
    "/stream-bytes/{n}": "/stream-bytes/16?seed=1",
    "/drip": "/drip?duration=0&delay=0&numbytes=4",
    "/range/{n}": "/range/26",
    "/delay/{delay}": "/delay/0",
    "/links/{n}": "/links/3",
    "/links/{n}/{offset}": "/links/3/1",
    "/flaky/{key}": "/flaky/sample?failures=0",
    "/stall/{delay}": "/stall/0",
    "/truncated/{n}": "/truncated/16",
    "/disconnect": "/disconnect",
    "/ws/echo": "/ws/echo",
    "/ws/room/{room}": "/ws/room/lobby",
}
"""One concrete, quick path for each route template in `local_server.app.ROUTE_GROUPS`."""


def pytest_collection_finish(session) -> None:
    """Put what importing and collecting made (the modules, some 4,000 test items) out of the collector's sight.

    The exercise tests collect garbage after every answer (tests/test_exercises.py, exercises/core.py), and a
    full collection walks all of that each time: 0.13 s a collection here, most of the exercise tests' CPU
    time. What the tests make afterwards is collected as before.
    """
    gc.freeze()


@pytest.fixture
async def client(aiohttp_client) -> TestClient:
    """A test client for a fresh app with the default limits, served on 127.0.0.1."""
    return await aiohttp_client(create_app())


def title_case(name: str) -> str:
    return "-".join(part.capitalize() for part in name.split("-"))


def sent_headers(resp: ClientResponse) -> dict[str, str]:
    """The headers the client really sent, as httpbin echoes them: names title-cased."""
    return {title_case(name): value for name, value in resp.request_info.headers.items()}


async def json_body(resp: ClientResponse) -> Any:
    """The body as JSON, after checking it is written the way httpbin writes it.

    httpbin's JSON: Content-Type application/json, keys sorted, indented by 2, a final newline.
    """
    assert resp.content_type == "application/json", resp.headers
    text = await resp.text()
    parsed = json.loads(text)
    assert text == json.dumps(parsed, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return parsed


async def assert_json_error(resp: ClientResponse, status: int, fragment: str) -> dict[str, Any]:
    """An error answer: the status, a JSON body ``{"error": message, "status": status}``, the message saying why."""
    text = await resp.text()
    assert resp.status == status, text
    assert resp.content_type == "application/json", resp.headers
    body = json.loads(text)
    assert text == json.dumps(body, indent=2, sort_keys=True) + "\n"
    assert set(body) == {"error", "status"}
    assert body["status"] == status
    assert fragment in body["error"]
    return body


@contextmanager
def command_line_server() -> Iterator[tuple[subprocess.Popen, str, int]]:
    """`python -m local_server --port 0`: yields the process, the line it printed and its port; always stops it."""
    with ServerProcess() as server:
        yield server.process, server.banner, server.port
