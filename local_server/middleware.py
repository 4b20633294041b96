"""Cross-cutting behaviour, applied to every route once rather than in each handler."""

from __future__ import annotations

import asyncio
import itertools
import logging
import weakref
from dataclasses import dataclass

from aiohttp import web
from aiohttp.typedefs import Handler

from .errors import error_response
from .limits import body_limit

log = logging.getLogger("local_server")

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Max-Age": "3600",
}


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn every error into a JSON body that says what was wrong.

    Errors a handler builds with `errors.client_error` are JSON already; the ones
    aiohttp raises itself (404 unknown path, 405 wrong method, 413 body too large)
    are rewritten here. An unexpected exception is logged and answered with a JSON
    500: the tests make sure no request a client can send gets there.
    """
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400 or exc.content_type == "application/json":
            raise
        # A fresh response rather than `type(exc)(...)`: 405 and 413 take required arguments.
        message = _message_for(exc, request)
        return error_response(exc.status, message, _kept_headers(exc))
    except UnicodeError:  # bytes that are not UTF-8 in a header or cookie
        return error_response(400, "the request has text that cannot be echoed as UTF-8")
    except Exception:  # the safety net: log it, never crash the server
        log.exception("unhandled error for %s %s", request.method, request.path_qs)
        return error_response(500, "internal server error")


def _message_for(exc: web.HTTPException, request: web.Request) -> str:
    if isinstance(exc, web.HTTPNotFound):
        return f"no endpoint at {request.path}"
    if isinstance(exc, web.HTTPMethodNotAllowed):
        allowed = ", ".join(sorted(exc.allowed_methods))
        return f"{request.method} is not allowed on {request.path}; use one of: {allowed}"
    if isinstance(exc, web.HTTPRequestEntityTooLarge):
        return f"the request body is larger than the limit of {body_limit(request)} bytes"
    return exc.text or exc.reason


def _kept_headers(exc: web.HTTPException) -> dict[str, str]:
    return {name: value for name, value in exc.headers.items() if name.lower() in {"allow", "www-authenticate"}}


@web.middleware
async def valid_host(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer 400 to a Host header that is not a host name with an optional port (RFC 9112, section 3.2).

    The echoes build `request.url` from it, which fails for `localhost:99999` or bytes that are not a name.
    """
    try:
        _ = request.url  # built from the Host header, then cached for the handler
    except (UnicodeError, ValueError):
        return error_response(400, f"the Host header {request.host!r} is not a host name with an optional port")
    return await handler(request)


@web.middleware
async def body_size_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse a body whose declared length is over the limit before reading any of it.

    The limit is `limits.body_limit`: `max_upload_size` for a route that streams its body (/upload),
    `max_body_size` for every other. Bodies without a Content-Length (chunked uploads) are cut off while
    they are read, with the same 413: by `client_max_size` (`request.read()`, `request.post()`), or by the
    readers in `bodies.py`, which count against the same limit.
    """
    limit = body_limit(request)
    if request.content_length is not None and request.content_length > limit:
        raise web.HTTPRequestEntityTooLarge(max_size=limit, actual_size=request.content_length)
    return await handler(request)


@web.middleware
async def options_for_every_route(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer OPTIONS (a CORS preflight) on every path that exists, listing its methods."""
    if request.method != "OPTIONS":
        return await handler(request)
    error = request.match_info.http_exception
    if isinstance(error, web.HTTPMethodNotAllowed):
        methods = set(error.allowed_methods) | {"OPTIONS"}
    elif error is None:
        methods = {"OPTIONS", request.method} | _route_methods(request)
    else:
        return await handler(request)
    allow = ", ".join(sorted(methods))
    return web.Response(status=200, headers={"Allow": allow, "Access-Control-Allow-Methods": allow, **CORS_HEADERS})


def _route_methods(request: web.Request) -> set[str]:
    route = request.match_info.route
    if route.method == "*":
        return {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
    return {route.method}


# --- which TCP connection carried a request ---------------------------------------------------------

CONNECTION_ID_HEADER = "X-Connection-Id"


@dataclass(frozen=True)
class RequestOnConnection:
    """Which connection carried a request (numbered 1, 2, 3… in the order the server first saw them), and
    which request it was on that connection (1 for the first)."""

    connection: int
    number: int


CONNECTION = web.RequestKey("connection", RequestOnConnection)


class ConnectionNumbers:
    """Numbers one server's TCP connections and counts the requests on each.

    An entry is keyed by the connection's transport and held weakly: it goes when the closed connection's
    transport is freed, so a server that has seen a million connections holds entries only for the ones
    still open. The numbers come from a counter that never goes back, so none is given twice while the
    server runs, even after the connection that had it is gone.
    """

    def __init__(self) -> None:
        self._next_id = itertools.count(1)
        self._open: weakref.WeakKeyDictionary[asyncio.BaseTransport, list[int]] = weakref.WeakKeyDictionary()

    def __len__(self) -> int:
        """How many connections have an entry: the open ones (and closed ones not yet freed)."""
        return len(self._open)

    def count_request(self, transport: asyncio.BaseTransport | None) -> RequestOnConnection:
        if transport is None:  # the client has already gone: a number of its own, nothing to remember
            return RequestOnConnection(next(self._next_id), 1)
        entry = self._open.get(transport)
        if entry is None:
            entry = self._open[transport] = [next(self._next_id), 0]
        entry[1] += 1
        return RequestOnConnection(entry[0], entry[1])


_NUMBERS: weakref.WeakKeyDictionary[web.Application, ConnectionNumbers] = weakref.WeakKeyDictionary()


def connection_numbers(app: web.Application) -> ConnectionNumbers:
    """The connection numbers of the server running `app` (each application numbers its own from 1)."""
    numbers = _NUMBERS.get(app)
    if numbers is None:
        numbers = _NUMBERS[app] = ConnectionNumbers()
    return numbers


@web.middleware
async def number_connections(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Note which TCP connection carried the request, and where the request comes among those it carried.

    `/connection` answers with it, and every response carries the connection's number in `X-Connection-Id`
    (written by `connection_id_header` just before the headers go out, so that streamed responses,
    whose headers are sent before the handler returns, carry it too).
    """
    request[CONNECTION] = connection_numbers(request.app).count_request(request.transport)
    return await handler(request)


async def connection_id_header(request: web.Request, response: web.StreamResponse) -> None:
    """`on_response_prepare` signal: put the connection's number on the response, whatever sent it."""
    seen = request.get(CONNECTION)
    if seen is not None:
        response.headers[CONNECTION_ID_HEADER] = str(seen.connection)


MIDDLEWARES = (number_connections, json_errors, valid_host, options_for_every_route, body_size_limit)
