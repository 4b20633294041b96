"""HTTP methods: /get, /post /put /patch /delete, /anything, and HEAD, OPTIONS, 405 and 404 on every route."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import zlib

import aiohttp
import brotli
import pytest
from aiohttp.compression_utils import HAS_ZSTD
from conftest import ANY_METHOD, ORIGIN, SAMPLE_PATHS, assert_json_error, json_body, sent_headers
from multidict import CIMultiDict

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


TEXT_UTF8 = "text/plain; charset=utf-8"
"""The Content-Type aiohttp's FormData gives a str field in a multipart body."""


def listed(name: str, content: bytes, filename: str | None = None, content_type: str | None = TEXT_UTF8) -> dict:
    """One entry of the echo's `parts`: what a multipart part was, its size and SHA-256."""
    sha256 = hashlib.sha256(content).hexdigest()
    return {"name": name, "filename": filename, "content_type": content_type, "size": len(content), "sha256": sha256}


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
        {"form": {"name": "Ada", "tag": ["a", "b"]}},  # FormData without a file or a Content-Type: urlencoded
        id="multipart-fields",
    ),
    pytest.param(
        lambda: multipart(("comment", "two parts", None, None), ("upload", b"hello file\n", "hello.txt", "text/plain")),
        {
            "form": {"comment": "two parts"},
            "files": {"upload": "hello file\n"},
            "parts": [listed("comment", b"two parts"), listed("upload", b"hello file\n", "hello.txt", "text/plain")],
        },
        id="multipart-text-file",
    ),
    pytest.param(
        lambda: multipart(("image", PNG_BYTES, "logo.png", "image/png")),
        {
            "files": {"image": "data:image/png;base64," + base64.b64encode(PNG_BYTES).decode()},
            "parts": [listed("image", PNG_BYTES, "logo.png", "image/png")],
        },
        id="multipart-binary-file",
    ),
    pytest.param(
        lambda: multipart(("doc", b"one", "1.txt", "text/plain"), ("doc", b"two", "2.txt", "text/plain")),
        {
            "files": {"doc": ["one", "two"]},
            "parts": [listed("doc", b"one", "1.txt", "text/plain"), listed("doc", b"two", "2.txt", "text/plain")],
        },
        id="multipart-two-files-same-name",
    ),
    pytest.param(
        lambda: multipart(("meta", '{"a": 1}', None, "application/json")),
        {"form": {"meta": '{"a": 1}'}, "parts": [listed("meta", b'{"a": 1}', content_type="application/json")]},
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
        lambda: {"data": "null", "headers": {"Content-Type": "application/json"}},
        {"data": "null"},
        id="json-null",
    ),
    pytest.param(
        lambda: {"data": "{not json", "headers": {"Content-Type": "text/plain"}},
        {"data": "{not json"},
        id="not-json-and-not-sent-as-json",
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


# --- multipart bodies written by hand: what the echo makes of each kind of part --------------------

MULTIPART = "multipart/form-data; boundary=XX"


def raw_multipart(*parts: tuple[str, bytes]) -> dict:
    """Request kwargs for a multipart body written by hand: each part is (its header lines, its content)."""
    body = b"".join(b"--XX\r\n" + head.encode() + b"\r\n\r\n" + content + b"\r\n" for head, content in parts)
    return {"data": body + b"--XX--\r\n", "headers": {"Content-Type": MULTIPART}}


def disposition(name: str, filename: str | None = None) -> str:
    return f'Content-Disposition: form-data; name="{name}"' + (
        f'; filename="{filename}"' if filename is not None else ""
    )


BINARY_FILE_URL = "data:application/octet-stream;base64," + base64.b64encode(BINARY).decode()

# (the parts as sent, the echo's form, files and parts)
RAW_MULTIPART_CASES = [
    pytest.param([], {"parts": []}, id="no-parts"),
    pytest.param(
        [(disposition("f", "a.bin"), BINARY)],
        {"files": {"f": BINARY_FILE_URL}, "parts": [listed("f", BINARY, "a.bin", None)]},
        id="binary-file-without-content-type-labelled-octet-stream",
    ),
    pytest.param(
        [(disposition("f", "a.txt"), b"hello")],
        {"files": {"f": "hello"}, "parts": [listed("f", b"hello", "a.txt", None)]},
        id="text-file-without-content-type",
    ),
    pytest.param(
        [(disposition("f", "a.png") + "\r\nContent-Type: image/png", PNG_BYTES)],
        {
            "files": {"f": "data:image/png;base64," + base64.b64encode(PNG_BYTES).decode()},
            "parts": [listed("f", PNG_BYTES, "a.png", "image/png")],
        },
        id="binary-file-labelled-with-its-type",
    ),
    pytest.param(
        [(disposition("f", ""), b"")],
        {"files": {"f": ""}, "parts": [listed("f", b"", "", None)]},
        id="empty-filename-is-a-file-as-in-httpbin",
    ),
    pytest.param(
        [(disposition("a"), b"Gr\xc3\xbc\xc3\x9fe")],
        {"form": {"a": "Grüße"}, "parts": [listed("a", "Grüße".encode(), None, None)]},
        id="field-without-content-type",
    ),
    pytest.param(
        [(disposition("a") + "\r\nContent-Type: application/octet-stream", BINARY)],
        {"form": {"a": BINARY_FILE_URL}, "parts": [listed("a", BINARY, None, "application/octet-stream")]},
        id="binary-field",
    ),
    pytest.param(
        [(disposition("a") + "\r\nContent-Type: text/plain; charset=latin-1", b"caf\xe9")],
        {"form": {"a": "café"}, "parts": [listed("a", b"caf\xe9", None, "text/plain; charset=latin-1")]},
        id="field-in-its-charset",
    ),
    pytest.param(
        [(disposition("a") + "\r\nContent-Transfer-Encoding: base64", b"aGVsbG8=")],
        {"form": {"a": "hello"}, "parts": [listed("a", b"hello", None, None)]},
        id="base64-transfer-encoding-undone",
    ),
    pytest.param(
        [(disposition("a") + "\r\nContent-Transfer-Encoding: quoted-printable", b"caf=C3=A9")],
        {"form": {"a": "café"}, "parts": [listed("a", "café".encode(), None, None)]},
        id="quoted-printable-transfer-encoding-undone",
    ),
    pytest.param(
        [(disposition("doc", f"{n}.txt") + "\r\nContent-Type: text/plain", f"file {n}".encode()) for n in (1, 2, 3)],
        {
            "files": {"doc": ["file 1", "file 2", "file 3"]},
            "parts": [listed("doc", f"file {n}".encode(), f"{n}.txt", "text/plain") for n in (1, 2, 3)],
        },
        id="three-files-under-one-name",
    ),
    pytest.param(
        [(disposition("a"), b"1"), (disposition("f", "x.txt"), b"x"), (disposition("a"), b"2")],
        {
            "form": {"a": ["1", "2"]},
            "files": {"f": "x"},
            "parts": [listed("a", b"1", None, None), listed("f", b"x", "x.txt", None), listed("a", b"2", None, None)],
        },
        id="parts-in-the-order-sent",
    ),
    pytest.param(
        [("Content-Disposition: form-data; name=f; filename*=utf-8''%E2%82%AC.txt", b"euro")],
        {"files": {"f": "euro"}, "parts": [listed("f", b"euro", "€.txt", None)]},
        id="utf8-filename",
    ),
]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize(("parts", "fields"), RAW_MULTIPART_CASES)
async def test_multipart_parts_are_echoed_as_httpbin_and_listed(client, method, parts, fields):
    path = "/" + method.lower()
    resp = await client.request(method, path, **raw_multipart(*parts))
    body = await json_body(resp)
    assert body == {
        **EMPTY_BODY_FIELDS,
        **fields,
        "headers": sent_headers(resp),
        "origin": ORIGIN,
        "url": f"http://127.0.0.1:{client.port}{path}",
    }


@pytest.mark.parametrize("path", ["/anything", "/delay/0"])
async def test_parts_are_listed_wherever_files_are_shown(client, path):
    resp = await client.post(path, **multipart(("doc", b"one", "1.txt", "text/plain")))
    body = await json_body(resp)
    assert body["files"] == {"doc": "one"}
    assert body["parts"] == [listed("doc", b"one", "1.txt", "text/plain")]


@pytest.mark.parametrize(
    "make_kwargs",
    [
        pytest.param(dict, id="empty"),
        pytest.param(lambda: {"data": {"a": "1"}}, id="urlencoded"),
        pytest.param(lambda: {"json": [1]}, id="json"),
        pytest.param(
            lambda: {"data": b"--XX--\r\n", "headers": {"Content-Type": "multipart/mixed; boundary=XX"}}, id="mixed"
        ),
    ],
)
async def test_parts_only_for_multipart_form_data(client, make_kwargs):
    body = await json_body(await client.post("/post", **make_kwargs()))
    assert "parts" not in body


# --- a body sent as application/json must be JSON -------------------------------------------------

NOT_JSON = [
    pytest.param(b"{not json", "application/json", "Expecting property name enclosed in double quotes", id="syntax"),
    pytest.param(b"[1, 2", "application/json; charset=utf-8", "Expecting ',' delimiter", id="cut-short"),
    pytest.param(b'{"a": 1} {"b": 2}', "application/json", "Extra data", id="two-documents"),
    pytest.param(
        b'"caf\xe9"', "application/json", "it is not UTF-8 (invalid continuation byte at byte 4)", id="latin-1"
    ),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, "application/json", "it is nested too deeply to parse", id="deep"),
    pytest.param(b"9" * 5000, "application/json", "Exceeds the limit (4300 digits)", id="int-too-long"),
    pytest.param(b"  ", "application/json", "Expecting value", id="blank"),
]


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/post"), ("PUT", "/put"), ("PATCH", "/anything/x"), ("DELETE", "/delay/0")]
)
@pytest.mark.parametrize(("data", "content_type", "why"), NOT_JSON)
async def test_body_sent_as_json_that_is_not_json_is_400(client, method, path, data, content_type, why):
    resp = await client.request(method, path, data=data, headers={"Content-Type": content_type})
    body = await assert_json_error(resp, 400, "the body is sent as application/json but is not JSON: ")
    assert why in body["error"]


@pytest.mark.parametrize(("data", "content_type", "why"), NOT_JSON)
async def test_the_same_bodies_with_another_content_type_are_data_with_json_null(client, data, content_type, why):
    body = await json_body(await client.post("/post", data=data, headers={"Content-Type": "text/plain"}))
    assert body["json"] is None
    assert body["data"] == (
        data.decode() if data.isascii() else "data:application/octet-stream;base64," + base64.b64encode(data).decode()
    )


# --- compressed request bodies: decoded by aiohttp's parser, the coding shown in the headers --------


def raw_deflate(data: bytes) -> bytes:
    """Deflate without the zlib wrapper (what some clients send as `deflate`): aiohttp reads both."""
    compressor = zlib.compressobj(wbits=-15)
    return compressor.compress(data) + compressor.flush()


COMPRESSORS = [
    pytest.param("gzip", gzip.compress, id="gzip"),
    pytest.param("deflate", zlib.compress, id="deflate"),
    pytest.param("deflate", raw_deflate, id="deflate-raw"),
    pytest.param("br", brotli.compress, id="br"),
    pytest.param("GZIP", gzip.compress, id="gzip-upper-case"),
    pytest.param("identity", lambda data: data, id="identity"),
]
FORM_PART = (disposition("f", "a.txt"), b"file text")

# (the body, its Content-Type, the echo's fields)
DECODED_BODIES = [
    pytest.param(b'{"a": [1, 2]}', "application/json", {"data": '{"a": [1, 2]}', "json": {"a": [1, 2]}}, id="json"),
    pytest.param("Grüße".encode() * 50, "text/plain", {"data": "Grüße" * 50}, id="text"),
    pytest.param(BINARY, "application/octet-stream", {"data": BINARY_DATA_URL}, id="binary"),
    pytest.param(
        b"a=1&a=2&b=%C3%BC", "application/x-www-form-urlencoded", {"form": {"a": ["1", "2"], "b": "ü"}}, id="form"
    ),
    pytest.param(
        raw_multipart(FORM_PART)["data"],
        MULTIPART,
        {"files": {"f": "file text"}, "parts": [listed("f", b"file text", "a.txt", None)]},
        id="multipart",
    ),
]


@pytest.mark.parametrize(("encoding", "compress"), COMPRESSORS)
@pytest.mark.parametrize(("raw", "content_type", "fields"), DECODED_BODIES)
async def test_compressed_body_is_echoed_decoded(client, encoding, compress, raw, content_type, fields):
    headers = {"Content-Type": content_type, "Content-Encoding": encoding}
    resp = await client.post("/post", data=compress(raw), headers=headers)
    body = await json_body(resp)
    assert body == {
        **EMPTY_BODY_FIELDS,
        **fields,
        "headers": sent_headers(resp),
        "origin": ORIGIN,
        "url": f"http://127.0.0.1:{client.port}/post",
    }
    assert body["headers"]["Content-Encoding"] == encoding  # what arrived; the body shown is what it decoded to


@pytest.mark.parametrize(
    ("codings", "shown"),
    [
        pytest.param(["x-unknown"], "x-unknown", id="unknown"),
        pytest.param(["compress"], "compress", id="compress"),
        pytest.param(["gzip, br"], "gzip, br", id="two-codings"),
        pytest.param(["gzip,gzip"], "gzip,gzip", id="gzip-twice"),
        pytest.param(["gzip", "br"], "gzip, br", id="two-headers"),
    ],
)
@pytest.mark.parametrize(("method", "path"), [("POST", "/post"), ("PUT", "/anything"), ("POST", "/delay/0")])
async def test_content_coding_the_server_does_not_decode_is_415(client, method, path, codings, shown):
    headers = CIMultiDict(("Content-Encoding", coding) for coding in codings)
    resp = await client.request(method, path, data=gzip.compress(b"abc"), headers=headers)
    body = await assert_json_error(
        resp, 415, "the server decodes a body in one of the content codings br, deflate, gzip"
    )
    assert body["error"].endswith(f"(or identity), not Content-Encoding: {shown}")


async def test_content_coding_without_a_body_is_not_looked_at(client):
    resp = await client.post("/post", headers={"Content-Encoding": "x-unknown"})
    assert (await json_body(resp))["data"] == ""


@pytest.mark.skipif(not HAS_ZSTD, reason="zstd bodies are decoded only with backports.zstd installed (Python < 3.14)")
async def test_zstd_body_is_echoed_decoded(client):  # pragma: no cover - backports.zstd is not pinned
    from backports.zstd import compress

    resp = await client.post("/post", data=compress(b"zstd text"), headers={"Content-Encoding": "zstd"})
    assert (await json_body(resp))["data"] == "zstd text"


@pytest.mark.skipif(HAS_ZSTD, reason="with backports.zstd installed, zstd bodies are decoded")
async def test_zstd_body_without_backports_zstd_is_a_plain_400_from_aiohttp(client):
    """aiohttp's parser refuses a zstd body as soon as it reads the headers: the application never sees it."""
    resp = await client.post("/post", data=b"\x28\xb5\x2f\xfd" + b"x" * 20, headers={"Content-Encoding": "zstd"})
    assert resp.status == 400
    assert resp.content_type == "text/plain"
    assert "Can not decode content-encoding: zstandard (zstd). Please install `backports.zstd`" in await resp.text()


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
        ("/upload", "OPTIONS, POST, PUT"),
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
    ("GET", "/upload", {"POST", "PUT"}),
    ("PATCH", "/upload", {"POST", "PUT"}),
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
