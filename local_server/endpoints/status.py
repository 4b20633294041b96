"""Status codes and redirects: /status/{codes}, /redirect/{n} and its relatives, /redirect-to."""

import ipaddress
import random

from aiohttp import web
from yarl import URL

from ..errors import bad_request
from ..limits import LIMITS
from ..params import path_int, plain_number, query_flag
from ..shapes import json_response

TEAPOT = """
    -=[ teapot ]=-

       _...._
     .'  _ _ `.
    | ."` ^ `". _,
    \\_;`"---"`|//
      |       ;/
      \\_     _/
        `\"\"\"`
"""

SPECIAL_RESPONSES = {
    301: {"headers": {"Location": "/redirect/1"}},
    302: {"headers": {"Location": "/redirect/1"}},
    303: {"headers": {"Location": "/redirect/1"}},
    305: {"headers": {"Location": "/redirect/1"}},
    307: {"headers": {"Location": "/redirect/1"}},
    308: {"headers": {"Location": "/redirect/1"}},
    401: {"headers": {"WWW-Authenticate": 'Basic realm="Fake Realm"'}},
    407: {"headers": {"Proxy-Authenticate": 'Basic realm="Fake Realm"'}},
    418: {"headers": {"X-More-Info": "http://tools.ietf.org/html/rfc2324"}, "text": TEAPOT},
}
NO_BODY = {204, 304}


def parse_status_codes(raw: str) -> tuple[list[int], list[float]]:
    """`"200"`, `"200,404"` (equal chances) or `"200:0.9,500:0.1"` (weighted)."""
    codes, weights = [], []
    for item in raw.split(","):
        code_text, _, weight_text = item.partition(":")
        try:
            code = plain_number(code_text, int)
            weight = plain_number(weight_text, float) if weight_text else 1.0
        except ValueError:
            raise bad_request(f"{item!r} is not a status code (optionally with :weight)") from None
        if not 200 <= code <= 599:
            raise bad_request(f"status codes must be between 200 and 599, got {code}")
        if not 0 <= weight < float("inf"):
            raise bad_request(f"weights must be finite and not negative, got {weight_text}")
        codes.append(code)
        weights.append(weight)
    if sum(weights) <= 0:
        raise bad_request("at least one weight must be above zero")
    return codes, weights


async def status_codes(request: web.Request) -> web.Response:
    """Answer with the given status code, or one picked at random from a (weighted) list."""
    codes, weights = parse_status_codes(request.match_info["codes"])
    code = random.choices(codes, weights)[0]
    if code == 406:
        return json_response(
            {"message": "Client did not request a supported media type.", "accept": ["image/webp", "image/*"]},
            status=406,
        )
    special = SPECIAL_RESPONSES.get(code, {})
    text = None if code in NO_BODY else special.get("text", "")
    return web.Response(status=code, headers=special.get("headers"), text=text)


def _redirect(location: str, status: int = 302) -> web.Response:
    return web.Response(status=status, headers={"Location": location})


def _redirect_count(request: web.Request) -> int:
    return path_int(request, "n", minimum=1, maximum=request.app[LIMITS].max_redirects)


async def redirect_n_times(request: web.Request) -> web.Response:
    """302 n times, then /get; `?absolute=true` uses absolute URLs."""
    n = _redirect_count(request)
    absolute = query_flag(request, "absolute")
    if n == 1:
        target = "/get"
    else:
        target = f"/{'absolute' if absolute else 'relative'}-redirect/{n - 1}"
    return _redirect(str(request.url.join(URL(target))) if absolute else target)


async def relative_redirect(request: web.Request) -> web.Response:
    """302 n times with relative Location headers, then /get."""
    n = _redirect_count(request)
    return _redirect("/get" if n == 1 else f"/relative-redirect/{n - 1}")


async def absolute_redirect(request: web.Request) -> web.Response:
    """302 n times with absolute Location headers, then /get."""
    n = _redirect_count(request)
    target = URL("/get" if n == 1 else f"/absolute-redirect/{n - 1}")
    return _redirect(str(request.url.join(target)))


def is_local_target(url: URL) -> bool:
    """A relative URL, or an absolute http(s) URL to a loopback host."""
    if not url.is_absolute():
        return not url.scheme
    if url.scheme not in {"http", "https"} or not url.host:
        return False
    host = url.host.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def redirect_to(request: web.Request) -> web.Response:
    """Redirect to `?url=` (a local target) with `?status_code=` (default 302)."""
    raw_url = request.query.get("url")
    if not raw_url:
        raise bad_request("the url query parameter is required")
    try:
        target = URL(raw_url)
    except ValueError:
        raise bad_request(f"{raw_url!r} is not a URL") from None
    if not is_local_target(target):
        raise bad_request(f"only local targets are allowed (a path, or a loopback host), got {raw_url!r}")
    raw_status = request.query.get("status_code", "302")
    try:
        status = plain_number(raw_status, int)
    except ValueError:
        raise bad_request(f"status_code must be a whole number, got {raw_status!r}") from None
    if not 300 <= status <= 308 or status in {304, 306}:
        raise bad_request(f"status_code must be a redirect status (300-303, 305, 307, 308), got {status}")
    # The URL as checked, as yarl writes it: no line breaks (header injection) and no
    # `///host` or tab tricks a browser would read as another host.
    return _redirect(str(target), status)
