"""Failures on purpose: /flaky /stall /truncated /disconnect, for the lessons on timeouts, errors and retries.

Each endpoint here breaks one promise of HTTP in one known way, because that is its documented purpose:
/truncated announces more bytes than it sends, /disconnect closes the connection without an answer. Bad
input to them still gets a JSON 400, like everywhere else.
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict

from aiohttp import web

from ..errors import bad_request
from ..limits import LIMITS
from ..params import path_float, path_int, query_int
from ..shapes import json_response

BROKEN_ON_PURPOSE = ("/truncated/{n}", "/disconnect")
"""The routes whose answer is broken by design (a cut-off body, no answer): the abuse tests expect it of them only."""
FLAKY_KEY = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
FLAKY_STATUSES = {429} | set(range(500, 600))


class AttemptCounter:
    """How many requests each /flaky key has had, remembering at most `max_keys` keys (the oldest go first)."""

    def __init__(self, max_keys: int) -> None:
        self.max_keys = max_keys
        self._counts: OrderedDict[str, int] = OrderedDict()

    def next_attempt(self, key: str) -> int:
        """Count one more request for `key` and return its number, starting at 1."""
        attempt = self._counts.pop(key, 0) + 1
        self._counts[key] = attempt
        while len(self._counts) > self.max_keys:
            self._counts.popitem(last=False)
        return attempt


ATTEMPTS = web.AppKey("flaky attempts", AttemptCounter)


async def flaky(request: web.Request) -> web.Response:
    """Fail the first ?failures= requests (default 2) for {key} with ?status= (default 503), then succeed."""
    key = request.match_info["key"]
    if not FLAKY_KEY.match(key):
        raise bad_request(f"the key must be 1 to 64 letters, digits, '.', '_' or '-', got {key!r}")
    failures = query_int(request, "failures", 2, maximum=request.app[LIMITS].max_flaky_failures)
    status = query_int(request, "status", 503, minimum=None)
    if status not in FLAKY_STATUSES:
        raise bad_request(f"status must be 429 or a 5xx status, got {status}")
    attempt = request.app[ATTEMPTS].next_attempt(key)
    failed = attempt <= failures
    body = {"key": key, "attempt": attempt, "failures": failures, "succeeded": not failed}
    return json_response(body, status=status if failed else 200)


async def stall(request: web.Request) -> web.StreamResponse:
    """Send the headers and a first line at once, wait {delay} seconds, then send the last line."""
    seconds = path_float(request, "delay", maximum=request.app[LIMITS].max_duration)
    first, last = b"first line, sent at once\n", f"last line, sent after {seconds:g} s\n".encode()
    response = web.StreamResponse(headers={"Content-Type": "text/plain; charset=utf-8"})
    response.content_length = len(first) + len(last)
    await response.prepare(request)
    if request.method == "HEAD":
        return response
    try:
        await response.write(first)
        await asyncio.sleep(seconds)
        await response.write(last)
        await response.write_eof()
    except ConnectionError:  # the client gave up waiting: that is what a timeout does
        pass
    return response


async def truncated(request: web.Request) -> web.StreamResponse:
    """Announce a body of {n} bytes in Content-Length, send only the first half, then close the connection."""
    n = path_int(request, "n", minimum=2, maximum=request.app[LIMITS].max_memory_response)
    response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
    response.content_length = n
    await response.prepare(request)
    if request.method == "HEAD":
        return response
    try:
        await response.write(b"x" * (n // 2))
    except ConnectionError:
        pass
    request.transport.close()  # the promised rest never comes: the client sees an incomplete payload
    return response


async def disconnect(request: web.Request) -> web.Response:
    """Close the connection without sending any response."""
    request.transport.close()
    return web.Response()  # never sent: the connection is gone
