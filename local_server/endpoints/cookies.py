"""Cookies: /cookies shows them, /cookies/set and /cookies/delete change them and redirect back."""

from http.cookies import CookieError, Morsel

from aiohttp import web

from ..errors import bad_request
from ..shapes import json_response


async def show_cookies(request: web.Request) -> web.Response:
    """The cookies the request carried."""
    return json_response({"cookies": dict(sorted(request.cookies.items()))})


def _checked_name(name: str) -> str:
    try:
        Morsel().set(name, "", "")
    except CookieError:
        raise bad_request(f"{name!r} is not a valid cookie name") from None
    return name


def _back_to_cookies() -> web.Response:
    return web.Response(status=302, headers={"Location": "/cookies"})


async def set_cookies(request: web.Request) -> web.Response:
    """Set each query pair as a cookie, then redirect to /cookies."""
    response = _back_to_cookies()
    for name, value in request.query.items():
        response.set_cookie(_checked_name(name), value, path="/")
    return response


async def set_one_cookie(request: web.Request) -> web.Response:
    """Set the cookie named in the path, then redirect to /cookies."""
    response = _back_to_cookies()
    response.set_cookie(_checked_name(request.match_info["name"]), request.match_info["value"], path="/")
    return response


async def delete_cookies(request: web.Request) -> web.Response:
    """Expire each cookie named in the query, then redirect to /cookies."""
    response = _back_to_cookies()
    for name in request.query:
        response.del_cookie(_checked_name(name), path="/")
    return response
