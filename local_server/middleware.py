"""Cross-cutting behaviour, applied to every route once rather than in each handler."""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.typedefs import Handler

from .errors import error_response
from .limits import LIMITS

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
        limit = request.app[LIMITS].max_body_size
        return f"the request body is larger than the limit of {limit} bytes"
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

    Bodies without a Content-Length (chunked uploads) are cut off by
    `client_max_size` while they are read, which raises the same 413.
    """
    limit = request.app[LIMITS].max_body_size
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


MIDDLEWARES = (json_errors, valid_host, options_for_every_route, body_size_limit)
