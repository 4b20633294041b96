"""Client errors as JSON: every 4xx the server sends says what was wrong."""

from __future__ import annotations

import json

from aiohttp import web


def error_body(status: int, message: str) -> str:
    return json.dumps({"error": message, "status": status}, indent=2) + "\n"


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    """A response (not an exception) with the JSON error body, for middleware to return."""
    return web.Response(
        status=status, text=error_body(status, message), content_type="application/json", headers=headers
    )


def client_error(exc_class: type[web.HTTPClientError], message: str, **kwargs) -> web.HTTPClientError:
    """Build an HTTP error whose body is ``{"error": message, "status": code}``.

    Handlers ``raise client_error(web.HTTPBadRequest, "n must be an integer")``.
    """
    return exc_class(text=error_body(exc_class.status_code, message), content_type="application/json", **kwargs)


def bad_request(message: str) -> web.HTTPBadRequest:
    return client_error(web.HTTPBadRequest, message)
