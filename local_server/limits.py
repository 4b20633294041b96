"""Every limit the server enforces, as named defaults in one place.

Handlers never hard-code a number: they read it from the `Limits` stored on the
application (``request.app[LIMITS]``), so a test or a lesson can start a server
with other limits through ``create_app(Limits(...))``.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

KiB = 1024
MiB = 1024 * KiB

DEFAULT_MAX_BODY_SIZE = 1 * MiB
"""Largest request body accepted; a larger one is answered with 413."""

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


@dataclass(frozen=True)
class Limits:
    max_body_size: int = DEFAULT_MAX_BODY_SIZE
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


LIMITS = web.AppKey("limits", Limits)
