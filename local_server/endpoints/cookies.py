"""Cookies: /cookies shows them, /cookies/set and /cookies/delete change them and redirect back.

/cookies/attributes sets one cookie with the attributes the query asks for, and /cookies/chain/{n} sets a
cookie at every step of a redirect chain: the lessons on cookies read them from the response and the jar.
"""

import re
import time
from email.utils import formatdate
from http.cookies import CookieError, Morsel

from aiohttp import web

from ..errors import bad_request
from ..limits import LIMITS
from ..params import path_int, query_flag, query_int
from ..shapes import json_response


async def show_cookies(request: web.Request) -> web.Response:
    """The cookies the request carried."""
    return json_response({"cookies": dict(sorted(request.cookies.items()))})


MAX_LIFETIME = 365 * 24 * 3600
"""Longest Max-Age or Expires /cookies/attributes sets, in seconds: a year."""
COOKIE_PATH = re.compile(r"^/[!#-+\--:<-~]{0,200}$")  # printable ASCII but space, ',' and ';'
COOKIE_DOMAIN = re.compile(r"^\.?[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63}){0,10}$")
SAME_SITE = {"strict": "Strict", "lax": "Lax", "none": "None"}


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


def _lifetime(request: web.Request, name: str) -> int | None:
    return query_int(request, name, None, maximum=MAX_LIFETIME)


async def set_cookie_with_attributes(request: web.Request) -> web.Response:
    """Set cookie {name}={value} with the attributes the query asks for, and show the Set-Cookie header.

    Query: max_age, expires (seconds from now), path, domain, httponly, secure, samesite (Strict, Lax, None).
    """
    name = _checked_name(request.match_info["name"])
    attributes: dict = {"path": request.query.get("path", "/")}
    if not COOKIE_PATH.match(attributes["path"]):
        raise bad_request(f"path must start with '/' and hold no space, ',' or ';', got {attributes['path']!r}")
    if (domain := request.query.get("domain")) is not None:
        if not COOKIE_DOMAIN.match(domain):
            raise bad_request(f"domain must be a host name such as localhost, got {domain!r}")
        attributes["domain"] = domain
    if (max_age := _lifetime(request, "max_age")) is not None:
        attributes["max_age"] = max_age
    if (expires := _lifetime(request, "expires")) is not None:
        # The RFC 1123 date `expires` seconds from now, as browsers and aiohttp's jar read it.
        attributes["expires"] = formatdate(time.time() + expires, usegmt=True)
    if (same_site := request.query.get("samesite")) is not None:
        if same_site.lower() not in SAME_SITE:
            raise bad_request(f"samesite must be Strict, Lax or None, got {same_site!r}")
        attributes["samesite"] = SAME_SITE[same_site.lower()]
    response = web.Response()
    response.set_cookie(
        name,
        request.match_info["value"],
        httponly=query_flag(request, "httponly") or None,
        secure=query_flag(request, "secure") or None,
        **attributes,
    )
    sent = response.cookies[name].OutputString()  # what aiohttp writes after "Set-Cookie: "
    return json_response({"set-cookie": sent}, headers={"Set-Cookie": sent})


async def cookie_chain(request: web.Request) -> web.Response:
    """Set cookie hop{n}={n}, then redirect to /cookies/chain/{n-1}; the last hop redirects to /cookies."""
    n = path_int(request, "n", minimum=1, maximum=request.app[LIMITS].max_redirects)
    location = "/cookies" if n == 1 else f"/cookies/chain/{n - 1}"
    response = web.Response(status=302, headers={"Location": location})
    response.set_cookie(f"hop{n}", str(n), path="/")
    return response
