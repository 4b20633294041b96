"""Caching and conditional requests: /cache, /cache/{n} and /etag/{etag}, answering as httpbin does.

Each answers with the /get echo, plus the header it is about; the conditional headers (If-Modified-Since,
If-None-Match, If-Match) turn that answer into a 304 or a 412. Entity tags are sent quoted, as RFC 9110
writes them (`ETag: "abc"`; httpbin sends them bare), and read either way, quoted or not.
"""

from __future__ import annotations

import re
import uuid
from email.utils import formatdate

from aiohttp import web

from ..errors import bad_request, client_error
from ..limits import LIMITS
from ..params import path_int
from ..shapes import GET_FIELDS, describe_request, json_response

ETAG_VALUE = re.compile(r"^[!#-~]+$")
"""What an entity tag holds between its quotes (RFC 9110 `etagc`, in ASCII): visible characters but '"'."""


def quoted(tag: str) -> str:
    return f'"{tag}"'


def _get_echo(request: web.Request, headers: dict[str, str]) -> web.Response:
    return json_response(describe_request(request).select(GET_FIELDS), headers=headers)


def entity_tags(header: str | None) -> list[str]:
    """The tags of an If-None-Match or If-Match header, as httpbin reads them: `W/` and the quotes are optional.

    `"a", W/"b", c` -> `["a", "b", "c"]`; no header, or an empty one, -> `[]`.
    """
    if not header:
        return []
    return [part.strip().removeprefix("W/").removeprefix('"').removesuffix('"') for part in header.split(",")]


async def cache(request: web.Request) -> web.Response:
    """/get with Last-Modified and a fresh ETag; 304 if the request has If-Modified-Since or If-None-Match."""
    # httpbin's test, to the letter: an empty If-Modified-Since does not count, any If-None-Match does.
    if request.headers.get("If-Modified-Since") or "If-None-Match" in request.headers:
        return web.Response(status=304)
    return _get_echo(request, {"Last-Modified": formatdate(usegmt=True), "ETag": quoted(uuid.uuid4().hex)})


async def cache_control(request: web.Request) -> web.Response:
    """/get with `Cache-Control: public, max-age={n}`."""
    n = path_int(request, "n", maximum=request.app[LIMITS].max_cache_age)
    return _get_echo(request, {"Cache-Control": f"public, max-age={n}"})


async def etag(request: web.Request) -> web.Response:
    """/get with `ETag: "{etag}"`: 304 if If-None-Match has it (or *), 412 if an If-Match lacks it."""
    tag = request.match_info["etag"]
    if not ETAG_VALUE.match(tag):
        raise bad_request(f"an ETag holds visible ASCII characters other than '\"', got {tag!r}")
    # httpbin's order: a matching If-None-Match wins; an If-Match is read only when there is no If-None-Match.
    if none_match := entity_tags(request.headers.get("If-None-Match")):
        if tag in none_match or "*" in none_match:
            return web.Response(status=304, headers={"ETag": quoted(tag)})
    elif if_match := entity_tags(request.headers.get("If-Match")):
        if tag not in if_match and "*" not in if_match:
            sent = request.headers["If-Match"]
            raise client_error(web.HTTPPreconditionFailed, f"If-Match {sent!r} does not list the ETag {quoted(tag)}")
    return _get_echo(request, {"ETag": quoted(tag)})
