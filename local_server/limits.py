"""Every limit the server enforces, as named defaults in one place.

Handlers never hard-code a number: they read it from the `Limits` stored on the
application (``request.app[LIMITS]``), so a test or a lesson can start a server
with other limits through ``create_app(Limits(...))``.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web
from aiohttp.typedefs import Handler

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB

DEFAULT_MAX_BODY_SIZE = 1 * MiB
"""Largest request body accepted (decoded, when it comes compressed); a larger one is answered with 413."""

DEFAULT_MAX_UPLOAD_SIZE = 1 * GiB
"""Largest body the routes that stream their body (/upload) accept, decoded; a larger one is answered with 413."""

DEFAULT_MAX_DURATION = 10.0
"""Longest wait a client may ask for (/delay, /drip, /range?duration=), in seconds."""

DEFAULT_MAX_MEMORY_RESPONSE = 1 * MiB
"""Largest body built in memory (/bytes/{n})."""

DEFAULT_MAX_STREAMED_RESPONSE = 100 * MiB
"""Largest body sent in chunks (/stream-bytes/{n}, /range/{n}, /drip)."""

DEFAULT_MAX_STREAM_LINES = 100
"""Most JSON lines /stream/{n} sends."""

DEFAULT_MAX_REDIRECTS = 100
"""Largest n for the /redirect/{n} family."""

DEFAULT_MAX_LINKS = 200
"""Most links /links/{n} puts on a page."""

DEFAULT_MAX_LONG_HEADER = 64 * KiB
"""Longest header value /long-header/{n} sends (the client's default limit is 8190 bytes)."""

DEFAULT_MAX_FLAKY_FAILURES = 20
"""Most failures /flaky/{key} may be asked to answer before it succeeds."""

DEFAULT_MAX_FLAKY_KEYS = 1000
"""Keys /flaky/{key} remembers; the oldest is forgotten (and starts over) when a new one comes."""

DEFAULT_MAX_CACHE_AGE = 2**31
"""Largest n for /cache/{n} (`Cache-Control: max-age=n`): 2^31 s, the most a cache must handle (RFC 9111, 1.2.2)."""

DEFAULT_MAX_DIGEST_NONCES = 1000
"""Nonces /digest-auth remembers; the oldest is forgotten, and a client still using it gets a fresh challenge."""

DEFAULT_MAX_STALE_AFTER = 1000
"""Largest {stale_after} for /digest-auth/…/{stale_after}: how many requests one nonce may authenticate."""

DEFAULT_MAX_TOKENS = 1000
"""Bearer tokens /auth/token remembers; the oldest is forgotten (/auth/protected then calls it unknown)."""

DEFAULT_MAX_TOKEN_USES = 1000
"""Largest ?uses= for /auth/token: how many requests to /auth/protected one token may make."""

DEFAULT_MAX_WS_MESSAGE = 64 * KiB
"""Largest WebSocket message /ws/echo and /ws/room/{room} take, in bytes; a larger one closes the socket with 1009."""

DEFAULT_MAX_WS_ROOMS = 100
"""Most rooms /ws/room/{room} keeps open at once; joining one more is answered with 409."""

DEFAULT_MAX_WS_ROOM_MEMBERS = 20
"""Most members in one room; one more is answered with 409."""

DEFAULT_WS_SEND_TIMEOUT = 5.0
"""Seconds a message to a room member may wait on a member that does not read; then that member is dropped."""

DEFAULT_WS_CLOSE_TIMEOUT = 2.0
"""Seconds the server waits for the client's reply to its close frame before it closes the connection anyway."""

DEFAULT_MIN_WS_HEARTBEAT = 0.05
"""Shortest /ws/echo?heartbeat= (seconds between the server's pings): a shorter one would be a flood of pings."""


@dataclass(frozen=True)
class Limits:
    max_body_size: int = DEFAULT_MAX_BODY_SIZE
    max_upload_size: int = DEFAULT_MAX_UPLOAD_SIZE
    max_duration: float = DEFAULT_MAX_DURATION
    max_memory_response: int = DEFAULT_MAX_MEMORY_RESPONSE
    max_streamed_response: int = DEFAULT_MAX_STREAMED_RESPONSE
    max_stream_lines: int = DEFAULT_MAX_STREAM_LINES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    max_links: int = DEFAULT_MAX_LINKS
    max_long_header: int = DEFAULT_MAX_LONG_HEADER
    max_flaky_failures: int = DEFAULT_MAX_FLAKY_FAILURES
    max_flaky_keys: int = DEFAULT_MAX_FLAKY_KEYS
    max_cache_age: int = DEFAULT_MAX_CACHE_AGE
    max_digest_nonces: int = DEFAULT_MAX_DIGEST_NONCES
    max_stale_after: int = DEFAULT_MAX_STALE_AFTER
    max_tokens: int = DEFAULT_MAX_TOKENS
    max_token_uses: int = DEFAULT_MAX_TOKEN_USES
    max_ws_message: int = DEFAULT_MAX_WS_MESSAGE
    max_ws_rooms: int = DEFAULT_MAX_WS_ROOMS
    max_ws_room_members: int = DEFAULT_MAX_WS_ROOM_MEMBERS
    ws_send_timeout: float = DEFAULT_WS_SEND_TIMEOUT
    ws_close_timeout: float = DEFAULT_WS_CLOSE_TIMEOUT
    min_ws_heartbeat: float = DEFAULT_MIN_WS_HEARTBEAT


LIMITS = web.AppKey("limits", Limits)


# --- the forward proxy of lesson 14 (local_server/proxy) ------------------------------------------

DEFAULT_PROXY_MAX_HEAD_BYTES = 16 * KiB
"""Largest request head (request line and headers) the proxy reads; a larger one is answered with 431."""

DEFAULT_PROXY_MAX_HEADERS = 100
"""Most header lines in one request head; more are answered with 431."""

DEFAULT_PROXY_MAX_CONNECTIONS = 100
"""Most client connections the proxy serves at once; one more is answered with 503 and closed."""

DEFAULT_PROXY_HEAD_TIMEOUT = 10.0
"""Seconds a client has to send a whole request head after connecting; then it gets 408."""

DEFAULT_PROXY_IDLE_TIMEOUT = 30.0
"""Seconds a tunnel (or a forwarded exchange) may pass with no byte either way before the proxy closes it."""

DEFAULT_PROXY_CONNECT_TIMEOUT = 5.0
"""Seconds the proxy waits for a target to accept its connection; then it answers 504."""

DEFAULT_PROXY_MAX_LOG_ENTRIES = 1000
"""Entries the proxy's log keeps; the oldest go first."""


@dataclass(frozen=True)
class ProxyLimits:
    """What the forward proxy allows one client: `ForwardProxy(limits=ProxyLimits(idle_timeout=0.2))` in a test."""

    max_head_bytes: int = DEFAULT_PROXY_MAX_HEAD_BYTES
    max_headers: int = DEFAULT_PROXY_MAX_HEADERS
    max_connections: int = DEFAULT_PROXY_MAX_CONNECTIONS
    head_timeout: float = DEFAULT_PROXY_HEAD_TIMEOUT
    idle_timeout: float = DEFAULT_PROXY_IDLE_TIMEOUT
    connect_timeout: float = DEFAULT_PROXY_CONNECT_TIMEOUT
    max_log_entries: int = DEFAULT_PROXY_MAX_LOG_ENTRIES


def streams_its_body(handler: Handler) -> Handler:
    """Mark a handler that streams its body without holding it: `body_limit` gives it `max_upload_size`."""
    handler.streams_its_body = True  # type: ignore[attr-defined]
    return handler


def body_limit(request: web.Request) -> int:
    """The largest body this request may have: `max_upload_size` on a route that streams its body, else
    `max_body_size`. The one place for the rule; the body-size middleware and every body reader ask it."""
    limits = request.app[LIMITS]
    if getattr(request.match_info.handler, "streams_its_body", False):
        return limits.max_upload_size
    return limits.max_body_size
