"""Compressed responses: /gzip /deflate /brotli, decoded by the client and checked raw."""

from __future__ import annotations

import gzip
import json
import zlib

import brotli
import pytest
from conftest import ORIGIN, json_body, sent_headers

from local_server import create_app

# (path, Content-Encoding, the flag in the body, how to decompress the raw body)
ENCODINGS = [
    pytest.param("/gzip", "gzip", "gzipped", gzip.decompress, id="gzip"),
    pytest.param("/deflate", "deflate", "deflated", zlib.decompress, id="deflate"),
    pytest.param("/brotli", "br", "brotli", brotli.decompress, id="brotli"),
]


@pytest.mark.parametrize(("path", "encoding", "flag", "decompress"), ENCODINGS)
async def test_client_decodes_the_compressed_json(client, path, encoding, flag, decompress):
    resp = await client.get(path)
    assert resp.status == 200
    assert resp.headers["Content-Encoding"] == encoding
    assert resp.content_type == "application/json"
    assert await json_body(resp) == {flag: True, "headers": sent_headers(resp), "method": "GET", "origin": ORIGIN}


@pytest.mark.parametrize(("path", "encoding", "flag", "decompress"), ENCODINGS)
async def test_raw_body_really_is_compressed(aiohttp_client, path, encoding, flag, decompress):
    raw_client = await aiohttp_client(create_app(), auto_decompress=False)
    resp = await raw_client.get(path)
    assert resp.headers["Content-Encoding"] == encoding
    raw = await resp.read()
    assert resp.headers["Content-Length"] == str(len(raw))
    assert not raw.lstrip().startswith(b"{")
    text = decompress(raw).decode()
    body = json.loads(text)
    assert text == json.dumps(body, indent=2, sort_keys=True) + "\n"
    assert body[flag] is True
    assert body["method"] == "GET"


@pytest.mark.parametrize("accept_encoding", ["identity", "gzip", "br", "deflate, gzip"])
@pytest.mark.parametrize(("path", "encoding", "flag", "decompress"), ENCODINGS)
async def test_compressed_whatever_accept_encoding_says(client, path, encoding, flag, decompress, accept_encoding):
    """As httpbin: each endpoint always uses its own encoding."""
    resp = await client.get(path, headers={"Accept-Encoding": accept_encoding})
    assert resp.headers["Content-Encoding"] == encoding
    body = await json_body(resp)
    assert body["headers"]["Accept-Encoding"] == accept_encoding
    assert body[flag] is True


@pytest.mark.parametrize(("path", "encoding", "flag", "decompress"), ENCODINGS)
async def test_compressed_head_has_no_body(client, path, encoding, flag, decompress):
    resp = await client.head(path)
    assert resp.status == 200
    assert resp.headers["Content-Encoding"] == encoding
    assert await resp.read() == b""
