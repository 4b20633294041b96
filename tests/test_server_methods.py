"""HTTP methods: /get, /post /put /patch /delete, /anything, and HEAD, OPTIONS, 405 and 404 on every route."""

from __future__ import annotations

import base64
import json

import aiohttp
import pytest
from conftest import ANY_METHOD, ORIGIN, SAMPLE_PATHS, assert_json_error, json_body, sent_headers

from local_server.app import ROUTE_GROUPS
from local_server.endpoints.faults import BROKEN_ON_PURPOSE

ROUTES = [route for routes in ROUTE_GROUPS.values() for route in routes]
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
BINARY = b"\x89PNG\r\n\x1a\n\x00\xff\xfe"
BINARY_DATA_URL = "data:application/octet-stream;base64," + base64.b64encode(BINARY).decode()


# --- /get ---------------------------------------------------------------------------------------

GET_ARGS = [
    pytest.param("", {}, id="no-args"),
    pytest.param("?a=1", {"a": "1"}, id="single"),
    pytest.param("?a=1&a=2&b=3", {"a": ["1", "2"], "b": "3"}, id="repeated-becomes-list"),
    pytest.param("?a=1&b=2&a=3", {"a": ["1", "3"], "b": "2"}, id="repeated-apart"),
    pytest.param("?empty=", {"empty": ""}, id="empty-value"),
    pytest.param("?flag", {"flag": ""}, id="no-value"),
    pytest.param("?q=hello%20world", {"q": "hello world"}, id="percent-space"),
    pytest.param("?q=a+b", {"q": "a b"}, id="plus-space"),
    pytest.param("?city=K%C3%B6ln", {"city": "Köln"}, id="utf8"),
    pytest.param("?x=%26%3D", {"x": "&="}, id="escaped-delimiters"),
]


@pytest.mark.parametrize(("query", "args"), GET_ARGS)
async def test_get_echoes_args_headers_origin_and_url(client, query, args):
    resp = await client.get("/get" + query)
    assert resp.status == 200
    body = await json_body(resp)
    assert body == {
        "args": args,
        "headers": sent_headers(resp),
        "origin": ORIGIN,
        "url": f"http://127.0.0.1:{client.port}/get{query}",
    }


async def test_get_with_params_argument(client):
    resp = await client.get("/get", params=[("tag", "a"), ("tag", "b"), ("page", "2")])
    body = await json_body(resp)
    assert body["args"] == {"tag": ["a", "b"], "page": "2"}
    assert body["url"] == f"http://127.0.0.1:{client.port}/get?tag=a&tag=b&page=2"


HEADER_CASES = [
    pytest.param("x-custom-header", "X-Custom-Header", id="lower"),
    pytest.param("X-CUSTOM-HEADER", "X-Custom-Header", id="upper"),
    pytest.param("x-mIxEd-cAsE", "X-Mixed-Case", id="mixed"),
    pytest.param("authorization", "Authorization", id="one-word"),
    pytest.param("x-api-key", "X-Api-Key", id="three-parts"),
]


@pytest.mark.parametrize(("sent", "shown"), HEADER_CASES)
async def test_get_shows_header_names_title_cased(client, sent, shown):
    resp = await client.get("/get", headers={sent: "value"})
    headers = (await json_body(resp))["headers"]
    assert headers[shown] == "value"
    assert sent == shown or sent not in headers


async def test_get_default_headers_are_those_aiohttp_sends(client):
    resp = await client.get("/get")
    headers = (await json_body(resp))["headers"]
    assert headers == sent_headers(resp)
    assert headers["Host"] == f"127.0.0.1:{client.port}"
    assert headers["User-Agent"].startswith("Python/3.11 aiohttp/")
    assert headers["Accept"] == "*/*"


async def test_get_response_content_type(client):
    resp = await client.get("/get")
    assert resp.content_type == "application/json"
    assert resp.charset == "utf-8"
    assert resp.headers["Content-Length"] == str(len(await resp.read()))


# --- bodies: /post /put /patch /delete and /anything --------------------------------------------


def multipart(*parts: tuple[str, str | bytes, str | None, str | None]) -> dict:
    """Request kwargs for a multipart body: parts are (name, value, filename, content_type)."""
    form = aiohttp.FormData()
    for name, value, filename, content_type in parts:
        form.add_field(name, value, filename=filename, content_type=content_type)
    return {"data": form}


JSON_PAYLOAD = {"name": "Ada", "langs": ["Python", "C"], "n": 1.5, "ok": True, "none": None}

# (request kwargs factory, the fields the echo must show besides args/headers/origin/url)
BODY_CASES = [
    pytest.param(dict, {}, id="empty"),
    pytest.param(
        lambda: {"data": {"name": "Ada", "lang": "Python"}},
        {"form": {"name": "Ada", "lang": "Python"}},
        id="form",
    ),
    pytest.param(
        lambda: {"data": [("tag", "a"), ("tag", "b"), ("one", "1")]},
        {"form": {"tag": ["a", "b"], "one": "1"}},
        id="form-repeated",
    ),
    pytest.param(lambda: {"data": {"city": "Köln & Zürich"}}, {"form": {"city": "Köln & Zürich"}}, id="form-utf8"),
    pytest.param(
        lambda: multipart(("name", "Ada", None, None), ("tag", "a", None, None), ("tag", "b", None, None)),
        {"form": {"name": "Ada", "tag": ["a", "b"]}},
        id="multipart-fields",
    ),
    pytest.param(
        lambda: multipart(("comment", "two parts", None, None), ("upload", b"hello file\n", "hello.txt", "text/plain")),
        {"form": {"comment": "two parts"}, "files": {"upload": "hello file\n"}},
        id="multipart-text-file",
    ),
    pytest.param(
        lambda: multipart(("image", PNG_BYTES, "logo.png", "image/png")),
        {"files": {"image": "data:image/png;base64," + base64.b64encode(PNG_BYTES).decode()}},
        id="multipart-binary-file",
    ),
    pytest.param(
        lambda: multipart(("doc", b"one", "1.txt", "text/plain"), ("doc", b"two", "2.txt", "text/plain")),
        {"files": {"doc": ["one", "two"]}},
        id="multipart-two-files-same-name",
    ),
    pytest.param(
        lambda: multipart(("meta", '{"a": 1}', None, "application/json")),
        {"form": {"meta": '{"a": 1}'}},
        id="multipart-field-with-content-type",
    ),
    pytest.param(lambda: {"json": JSON_PAYLOAD}, {"data": json.dumps(JSON_PAYLOAD), "json": JSON_PAYLOAD}, id="json"),
    pytest.param(
        lambda: {"json": {"greeting": "Grüße"}},
        {"data": '{"greeting": "Gr\\u00fc\\u00dfe"}', "json": {"greeting": "Grüße"}},
        id="json-non-ascii",
    ),
    pytest.param(lambda: {"json": [1, 2, 3]}, {"data": "[1, 2, 3]", "json": [1, 2, 3]}, id="json-list"),
    pytest.param(
        lambda: {"data": "{not json", "headers": {"Content-Type": "application/json"}},
        {"data": "{not json"},
        id="json-invalid",
    ),
    pytest.param(
        lambda: {"data": "[1, 2]", "headers": {"Content-Type": "text/plain"}},
        {"data": "[1, 2]", "json": [1, 2]},
        id="json-parsed-whatever-the-content-type",
    ),
    pytest.param(lambda: {"data": "plain text"}, {"data": "plain text"}, id="text"),
    pytest.param(lambda: {"data": "Grüße, мир".encode()}, {"data": "Grüße, мир"}, id="utf8-bytes"),
    pytest.param(lambda: {"data": BINARY}, {"data": BINARY_DATA_URL}, id="binary"),
    pytest.param(
        lambda: {"data": BINARY, "headers": {"Content-Type": "image/png"}},
        {"data": BINARY_DATA_URL},
        id="binary-labelled-octet-stream-as-httpbin",
    ),
]

EMPTY_BODY_FIELDS = {"args": {}, "data": "", "files": {}, "form": {}, "json": None}


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize(("make_kwargs", "fields"), BODY_CASES)
async def test_body_methods_echo_the_body(client, method, make_kwargs, fields):
    path = "/" + method.lower()
    resp = await client.request(method, path, **make_kwargs())
    assert resp.status == 200
    body = await json_body(resp)
    assert body == {
        **EMPTY_BODY_FIELDS,
        **fields,
        "headers": sent_headers(resp),
        "origin": ORIGIN,
        "url": f"http://127.0.0.1:{client.port}{path}",
    }


@pytest.mark.parametrize(("make_kwargs", "fields"), BODY_CASES)
async def test_anything_echoes_the_body_and_method(client, make_kwargs, fields):
    resp = await client.post("/anything", **make_kwargs())
    body = await json_body(resp)
    assert body == {
        **EMPTY_BODY_FIELDS,
        **fields,
        "headers": sent_headers(resp),
        "method": "POST",
        "origin": ORIGIN,
        "url": f"http://127.0.0.1:{client.port}/anything",
    }


async def test_post_echoes_query_args_too(client):
    resp = await client.post("/post?a=1&a=2", data={"f": "v"})
    body = await json_body(resp)
    assert body["args"] == {"a": ["1", "2"]}
    assert body["form"] == {"f": "v"}
    assert body["url"] == f"http://127.0.0.1:{client.port}/post?a=1&a=2"


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE", "REPORT"])
@pytest.mark.parametrize("path", ["/anything", "/anything/deep/path?x=1", "/anything/"])
async def test_anything_accepts_every_method_on_every_path(client, method, path):
    resp = await client.request(method, path, data="payload")
    assert resp.status == 200
    body = await json_body(resp)
    assert body == {
        **EMPTY_BODY_FIELDS,
        "args": {"x": "1"} if "?" in path else {},
        "data": "payload",
        "headers": sent_headers(resp),
        "method": method,
        "origin": ORIGIN,
        "url": f"http://127.0.0.1:{client.port}{path}",
    }


# --- HEAD, OPTIONS, 405, 404 on the routing table -----------------------------------------------


def test_sample_paths_cover_the_routing_table():
    assert {route.path for route in ROUTES} == set(SAMPLE_PATHS)


GET_ROUTE_PATHS = sorted(
    SAMPLE_PATHS[route.path]
    for route in ROUTES
    if route.method in {"GET", "*"} and route.path not in BROKEN_ON_PURPOSE  # no whole GET to compare with
)
ECHOES_METHOD = {"/anything", "/anything/deep/path"}
"""Bodies that show the method: a HEAD's would be one byte longer than a GET's."""
COMPRESSED = {"/gzip", "/deflate", "/brotli"}
"""Bodies that show the method, compressed: the length changes unpredictably."""


@pytest.mark.parametrize("path", GET_ROUTE_PATHS)
async def test_head_answers_like_get_without_a_body(client, path):
    got = await client.get(path, allow_redirects=False)
    await got.read()
    head = await client.head(path, allow_redirects=False)
    assert head.status == got.status
    assert await head.read() == b""
    assert head.headers.get("Content-Type") == got.headers.get("Content-Type")
    assert head.headers.get("Location") == got.headers.get("Location")
    assert "Transfer-Encoding" not in head.headers
    length = got.headers.get("Content-Length")
    if length == "0":  # aiohttp leaves out a zero Content-Length on HEAD, which HTTP allows
        assert head.headers.get("Content-Length") in {None, "0"}
    elif path in ECHOES_METHOD:
        assert int(head.headers["Content-Length"]) == int(length) + len("HEAD") - len("GET")
    elif path in COMPRESSED:
        assert int(head.headers["Content-Length"]) > 0
    else:
        assert head.headers.get("Content-Length") == length


@pytest.mark.parametrize("path", ["/get", "/headers", "/json", "/image/png", "/anything"])
async def test_head_is_200(client, path):
    resp = await client.head(path)
    assert resp.status == 200
    assert await resp.read() == b""


def allowed_methods(template: str) -> set[str]:
    """What the routing table registers for a path: GET brings HEAD, every route answers OPTIONS."""
    methods = {"OPTIONS"}
    for route in ROUTES:
        if route.path != template:
            continue
        if route.method == "*":
            methods |= ANY_METHOD
        else:
            methods.add(route.method)
            if route.method == "GET":
                methods.add("HEAD")
    return methods


OPTIONS_CASES = [pytest.param(SAMPLE_PATHS[t], allowed_methods(t), id=t) for t in sorted({r.path for r in ROUTES})]


@pytest.mark.parametrize(("path", "methods"), OPTIONS_CASES)
async def test_options_on_every_route_lists_its_methods(client, path, methods):
    resp = await client.options(path)
    assert resp.status == 200
    assert await resp.read() == b""
    allow = resp.headers["Allow"]
    assert allow == ", ".join(sorted(methods))
    assert resp.headers["Access-Control-Allow-Methods"] == allow
    assert resp.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/get", "GET, HEAD, OPTIONS"),
        ("/post", "OPTIONS, POST"),
        ("/delete", "DELETE, OPTIONS"),
        ("/response-headers", "GET, HEAD, OPTIONS, POST"),
        ("/anything/x/y", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ("/status/418", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ("/bytes/not-a-number", "GET, HEAD, OPTIONS"),
    ],
)
async def test_options_allow_header_examples(client, path, allow):
    resp = await client.options(path)
    assert resp.status == 200
    assert resp.headers["Allow"] == allow


async def test_options_on_unknown_path_is_404(client):
    resp = await client.options("/no/such/path")
    await assert_json_error(resp, 404, "no endpoint at /no/such/path")


WRONG_METHODS = [
    ("POST", "/get", {"GET", "HEAD"}),
    ("PUT", "/post", {"POST"}),
    ("GET", "/post", {"POST"}),
    ("GET", "/put", {"PUT"}),
    ("DELETE", "/patch", {"PATCH"}),
    ("POST", "/delete", {"DELETE"}),
    ("PUT", "/headers", {"GET", "HEAD"}),
    ("DELETE", "/json", {"GET", "HEAD"}),
    ("POST", "/cookies", {"GET", "HEAD"}),
    ("PATCH", "/response-headers", {"GET", "HEAD", "POST"}),
    ("POST", "/bytes/10", {"GET", "HEAD"}),
]


@pytest.mark.parametrize(("method", "path", "allowed"), WRONG_METHODS)
async def test_wrong_method_is_405_with_json_error(client, method, path, allowed):
    resp = await client.request(method, path)
    body = await assert_json_error(resp, 405, f"{method} is not allowed on {path}")
    assert body["error"].endswith("use one of: " + ", ".join(sorted(allowed)))
    assert {m.strip() for m in resp.headers["Allow"].split(",")} == allowed


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/nope"),
        ("GET", "/get/extra"),
        ("POST", "/posts"),
        ("GET", "/status"),
        ("GET", "/status/"),
        ("GET", "/bytes"),
        ("GET", "/links/3/1/2"),
        ("DELETE", "/cookies/set/a"),
        ("GET", "/GET"),
    ],
)
async def test_unknown_path_is_404_with_json_error(client, method, path):
    resp = await client.request(method, path)
    await assert_json_error(resp, 404, f"no endpoint at {path}")


async def test_index_lists_every_route(client):
    resp = await client.get("/")
    assert resp.status == 200
    assert resp.content_type == "text/plain"
    text = await resp.text()
    for route in ROUTES:
        assert f" {route.path} " in text
    for group in ROUTE_GROUPS:
        assert f"\n{group}\n" in text
