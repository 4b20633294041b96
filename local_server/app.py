"""The whole routing table, grouped by purpose: find any endpoint here in seconds.

Every GET route also answers HEAD; every route answers OPTIONS (see middleware).
"""

from __future__ import annotations

from aiohttp import web

from .endpoints import (
    auth,
    caching,
    compression,
    cookies,
    faults,
    formats,
    inspection,
    methods,
    status,
    streams,
    uploads,
    websockets,
)
from .limits import LIMITS, Limits
from .middleware import MIDDLEWARES, connection_id_header

ROUTE_GROUPS: dict[str, list[web.RouteDef]] = {
    "HTTP methods": [
        web.get("/get", methods.echo_get),
        web.post("/post", methods.echo_body),
        web.put("/put", methods.echo_body),
        web.patch("/patch", methods.echo_body),
        web.delete("/delete", methods.echo_body),
        web.route("*", "/anything", methods.anything),
        web.route("*", "/anything/{path:.*}", methods.anything),
    ],
    "Uploads": [
        web.post("/upload", uploads.upload),
        web.put("/upload", uploads.upload),
    ],
    "Request inspection": [
        web.get("/headers", inspection.headers),
        web.get("/user-agent", inspection.user_agent),
        web.get("/ip", inspection.ip),
        web.get("/uuid", inspection.new_uuid),
        web.get("/connection", inspection.connection),
        web.get("/response-headers", inspection.response_headers),
        web.post("/response-headers", inspection.response_headers),
        web.get("/long-header/{n}", inspection.long_header),
    ],
    "Status codes and redirects": [
        web.route("*", "/status/{codes}", status.status_codes),
        web.get("/redirect/{n}", status.redirect_n_times),
        web.get("/relative-redirect/{n}", status.relative_redirect),
        web.get("/absolute-redirect/{n}", status.absolute_redirect),
        web.route("*", "/redirect-to", status.redirect_to),
    ],
    "Caching and conditional requests": [
        web.get("/cache", caching.cache),
        web.get("/cache/{n}", caching.cache_control),
        web.get("/etag/{etag}", caching.etag),
    ],
    "Cookies": [
        web.get("/cookies", cookies.show_cookies),
        web.get("/cookies/set", cookies.set_cookies),
        web.get("/cookies/set/{name}/{value}", cookies.set_one_cookie),
        web.get("/cookies/delete", cookies.delete_cookies),
        web.get("/cookies/attributes/{name}/{value}", cookies.set_cookie_with_attributes),
        web.get("/cookies/chain/{n}", cookies.cookie_chain),
    ],
    "Authentication": [
        web.get("/basic-auth/{user}/{passwd}", auth.basic_auth),
        web.get("/hidden-basic-auth/{user}/{passwd}", auth.hidden_basic_auth),
        web.get("/bearer", auth.bearer),
        web.get("/digest-auth/{qop}/{user}/{passwd}", auth.digest_auth),
        web.get("/digest-auth/{qop}/{user}/{passwd}/{algorithm}", auth.digest_auth_algorithm),
        web.get("/digest-auth/{qop}/{user}/{passwd}/{algorithm}/{stale_after}", auth.digest_auth_stale_after),
        web.post("/auth/token", auth.issue_token),
        web.get("/auth/protected", auth.protected),
    ],
    "Response formats": [
        web.get("/json", formats.slideshow_json),
        web.get("/html", formats.moby_dick_html),
        web.get("/xml", formats.slideshow_xml),
        web.get("/encoding/utf8", formats.utf8_demo),
        web.get("/encoding/{charset}", formats.encoded_text),
        web.get("/base64/{value}", formats.decode_base64),
        web.get("/robots.txt", formats.robots_txt),
        web.get("/deny", formats.deny),
        web.get("/forms/post", formats.forms_post),
        web.get("/image", formats.image_for_accept),
        web.get("/image/{kind}", formats.image),
    ],
    "Compression": [
        web.get("/gzip", compression.gzipped),
        web.get("/deflate", compression.deflated),
        web.get("/brotli", compression.brotli_compressed),
    ],
    "Sizes, streams and delays": [
        web.get("/bytes/{n}", streams.random_bytes),
        web.get("/stream/{n}", streams.stream_json_lines),
        web.get("/stream-bytes/{n}", streams.stream_random_bytes),
        web.get("/drip", streams.drip),
        web.get("/range/{n}", streams.byte_range),
        web.route("*", "/delay/{delay}", streams.delay),
        web.get("/links/{n}", streams.links_start),
        web.get("/links/{n}/{offset}", streams.links_page),
    ],
    "Failures on purpose": [
        web.get("/flaky/{key}", faults.flaky),
        web.get("/stall/{delay}", faults.stall),
        web.get("/truncated/{n}", faults.truncated),
        web.route("*", "/disconnect", faults.disconnect),
    ],
    "WebSockets": [
        web.get("/ws/echo", websockets.echo),
        web.get("/ws/room/{room}", websockets.room),
    ],
}


INDEX_PATH_WIDTH = 36


def endpoint_index() -> str:
    """A plain-text list of every endpoint with the first line of its handler's docstring."""
    lines = ["Local echo server (httpbin-compatible). Endpoints:"]
    # Paths longer than INDEX_PATH_WIDTH (the digest one) overflow their column rather than widen every line.
    width = min(INDEX_PATH_WIDTH, max(len(route.path) for routes in ROUTE_GROUPS.values() for route in routes))
    for group, routes in ROUTE_GROUPS.items():
        lines.append(f"\n{group}")
        for route in routes:
            method = "ANY" if route.method == "*" else route.method
            summary = (route.handler.__doc__ or "").strip().splitlines()[0]
            lines.append(f"  {method:<6} {route.path:<{width}}  {summary}")
    return "\n".join(lines) + "\n"


async def index(request: web.Request) -> web.Response:
    """This list."""
    return web.Response(text=endpoint_index())


def create_app(limits: Limits | None = None) -> web.Application:
    """The echo application, with the given limits (the defaults in `limits.py` otherwise)."""
    limits = limits or Limits()
    app = web.Application(middlewares=MIDDLEWARES, client_max_size=limits.max_body_size)
    app[LIMITS] = limits
    app[faults.ATTEMPTS] = faults.AttemptCounter(limits.max_flaky_keys)
    websockets.set_up(app)
    app[auth.NONCES] = auth.DigestNonces(limits.max_digest_nonces)
    app[auth.TOKENS] = auth.BearerTokens(limits.max_tokens)
    app.on_response_prepare.append(connection_id_header)
    app.router.add_get("/", index)
    for routes in ROUTE_GROUPS.values():
        app.add_routes(routes)
    return app
