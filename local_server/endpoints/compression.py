"""Compressed responses: /gzip /deflate /brotli, whatever the client's Accept-Encoding says."""

import gzip
import json
import zlib

import brotli
from aiohttp import web

from ..shapes import header_dict, origin_of

ENCODERS = {
    "gzip": ("gzipped", gzip.compress),
    "deflate": ("deflated", zlib.compress),
    "br": ("brotli", brotli.compress),
}


def _compressed(request: web.Request, encoding: str) -> web.Response:
    flag, compress = ENCODERS[encoding]
    payload = {
        flag: True,
        "headers": header_dict(request.headers),
        "method": request.method,
        "origin": origin_of(request),
    }
    text = json.dumps(payload, indent=2, sort_keys=True) + "\n"
    return web.Response(
        body=compress(text.encode()),
        headers={"Content-Type": "application/json", "Content-Encoding": encoding},
    )


async def gzipped(request: web.Request) -> web.Response:
    """JSON compressed with gzip."""
    return _compressed(request, "gzip")


async def deflated(request: web.Request) -> web.Response:
    """JSON compressed with deflate (zlib format)."""
    return _compressed(request, "deflate")


async def brotli_compressed(request: web.Request) -> web.Response:
    """JSON compressed with brotli."""
    return _compressed(request, "br")
