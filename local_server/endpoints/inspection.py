"""Request inspection: /headers /user-agent /ip /uuid /connection; /response-headers and /long-header set headers."""

import json
import re
import uuid

from aiohttp import web
from multidict import CIMultiDict

from ..errors import bad_request
from ..limits import LIMITS
from ..middleware import CONNECTION
from ..params import path_int
from ..shapes import collapse, header_dict, json_response, origin_of

HEADER_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
FORBIDDEN_VALUE_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # what aiohttp refuses to send: controls but tab
FRAMING_HEADERS = {"content-length", "transfer-encoding", "connection", "content-encoding"}


async def headers(request: web.Request) -> web.Response:
    """The request's headers."""
    return json_response({"headers": header_dict(request.headers)})


async def user_agent(request: web.Request) -> web.Response:
    """The request's User-Agent header."""
    return json_response({"user-agent": request.headers.get("User-Agent")})


async def ip(request: web.Request) -> web.Response:
    """The client's IP address."""
    return json_response({"origin": origin_of(request)})


async def new_uuid(request: web.Request) -> web.Response:
    """A fresh random UUID4."""
    return json_response({"uuid": str(uuid.uuid4())})


async def connection(request: web.Request) -> web.Response:
    """Which TCP connection carried this request, and how many requests it has carried so far."""
    seen = request[CONNECTION]
    return json_response({"connection": seen.connection, "requests_on_connection": seen.number})


async def response_headers(request: web.Request) -> web.Response:
    """Each query pair becomes a response header; the body lists the headers sent."""
    chosen: CIMultiDict[str] = CIMultiDict()
    for name, value in request.query.items():
        if not HEADER_NAME.match(name):
            raise bad_request(f"{name!r} is not a valid header name")
        if FORBIDDEN_VALUE_CHARS.search(value):
            raise bad_request(f"the value of {name!r} contains a control character (tab is the only one allowed)")
        if name.lower() in FRAMING_HEADERS:
            raise bad_request(f"{name} is set by the server and cannot be chosen")
        chosen.add(name, value)
    chosen.setdefault("Content-Type", "application/json")  # unless the query chose one
    listed = collapse(chosen)
    # httpbin lists Content-Length in the body too: repeat until the length is stable.
    text = ""
    while True:
        listed["Content-Length"] = str(len((text or "").encode()))
        new_text = json.dumps(listed, indent=2, sort_keys=True) + "\n"
        if new_text == text:
            break
        text = new_text
    # A body as bytes: aiohttp then sends the Content-Type chosen above as it is.
    return web.Response(body=text.encode(), headers=chosen)


async def long_header(request: web.Request) -> web.Response:
    """Send an X-Long-Header of {n} bytes (aiohttp's client refuses a header over 8190 bytes by default)."""
    n = path_int(request, "n", maximum=request.app[LIMITS].max_long_header)
    return json_response({"header": "X-Long-Header", "length": n}, headers={"X-Long-Header": "x" * n})
