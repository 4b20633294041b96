"""Bodies by size and over time: /bytes /stream /stream-bytes /drip /range /delay /links.

Waiting is always `await asyncio.sleep`, never a blocking call: one slow
response never holds up the others.
"""

import asyncio
import json
import random
import re
import string
from collections.abc import Iterable

from aiohttp import web

from ..errors import bad_request, client_error
from ..limits import LIMITS
from ..params import path_float, path_int, query_float, query_int
from ..shapes import DELAY_FIELDS, GET_FIELDS, describe_request, json_response, read_echo
from .status import NO_BODY, parse_status_codes

DEFAULT_CHUNK_SIZE = 10 * 1024
MAX_CHUNK_SIZE = 1024 * 1024
ALPHABET = string.ascii_lowercase.encode()


def _seeded_random(request: web.Request) -> random.Random:
    return random.Random(query_int(request, "seed", None, minimum=None))


async def _send_chunks(
    request: web.Request, response: web.StreamResponse, chunks: Iterable[bytes], pause: float = 0.0
) -> web.StreamResponse:
    """Send chunks one by one (pausing between them); stop quietly if the client goes away.

    A HEAD request, a 204 and a 304 get the headers only: they must not have a body.
    """
    await response.prepare(request)
    if request.method == "HEAD" or response.status in NO_BODY:
        chunks = ()
    try:
        for index, chunk in enumerate(chunks):
            if pause and index:
                await asyncio.sleep(pause)
            await response.write(chunk)
        await response.write_eof()
    except ConnectionError:
        pass
    return response


async def random_bytes(request: web.Request) -> web.Response:
    """n random bytes (`?seed=` makes them repeatable), built in memory."""
    n = path_int(request, "n", maximum=request.app[LIMITS].max_memory_response)
    return web.Response(body=_seeded_random(request).randbytes(n), content_type="application/octet-stream")


async def stream_json_lines(request: web.Request) -> web.StreamResponse:
    """n JSON documents, one a line, sent as they are made."""
    n = path_int(request, "n", maximum=request.app[LIMITS].max_stream_lines)
    base = describe_request(request).select(GET_FIELDS)
    lines = ((json.dumps({**base, "id": i}, sort_keys=True) + "\n").encode() for i in range(n))
    response = web.StreamResponse(headers={"Content-Type": "application/json"})
    return await _send_chunks(request, response, lines)


def _chunk_size(request: web.Request) -> int:
    return query_int(request, "chunk_size", DEFAULT_CHUNK_SIZE, minimum=1, maximum=MAX_CHUNK_SIZE)


async def stream_random_bytes(request: web.Request) -> web.StreamResponse:
    """n random bytes sent in chunks of `?chunk_size=` (no Content-Length: chunked encoding)."""
    n = path_int(request, "n", maximum=request.app[LIMITS].max_streamed_response)
    chunk_size = _chunk_size(request)
    rng = _seeded_random(request)
    chunks = (rng.randbytes(min(chunk_size, n - start)) for start in range(0, n, chunk_size))
    response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
    return await _send_chunks(request, response, chunks)


def _check_total_duration(request: web.Request, *durations: float) -> None:
    limit = request.app[LIMITS].max_duration
    if sum(durations) > limit:
        raise bad_request(f"the total duration must be at most {limit} seconds, got {sum(durations)}")


async def drip(request: web.Request) -> web.StreamResponse:
    """`numbytes` asterisks spread over `duration` seconds, after `delay` seconds, with status `code`."""
    limits = request.app[LIMITS]
    duration = query_float(request, "duration", 2.0, maximum=limits.max_duration)
    delay = query_float(request, "delay", 2.0, maximum=limits.max_duration)
    numbytes = query_int(request, "numbytes", 10, minimum=1, maximum=limits.max_streamed_response)
    codes, _ = parse_status_codes(request.query.get("code", "200"))
    if len(codes) != 1:
        raise bad_request("code must be a single status code")
    _check_total_duration(request, duration, delay)
    await asyncio.sleep(delay)
    steps = min(numbytes, 1000)
    sizes = [numbytes // steps + (1 if i < numbytes % steps else 0) for i in range(steps)]
    response = web.StreamResponse(status=codes[0], headers={"Content-Type": "application/octet-stream"})
    response.content_length = numbytes
    return await _send_chunks(request, response, (b"*" * size for size in sizes), pause=duration / steps)


RANGE_HEADER = re.compile(r"^bytes=(\d*)-(\d*)$", re.ASCII)  # ASCII: `\d` alone also matches "١"


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The first byte range of a Range header as (first, last), or None for the whole body.

    Raises ValueError when the range cannot be satisfied.
    """
    if not header:
        return None
    match = RANGE_HEADER.match(header.split(",")[0].strip())
    if not match or match.groups() == ("", ""):
        raise ValueError(f"unsupported Range header {header!r}")
    first_text, last_text = match.groups()
    if first_text:
        first = int(first_text)
        last = min(int(last_text), size - 1) if last_text else size - 1
    else:
        first, last = max(size - int(last_text), 0), size - 1
    if first > last or first >= size:
        raise ValueError(f"range {header!r} is outside the {size} bytes")
    return first, last


def letters(start: int, length: int) -> bytes:
    """Bytes start..start+length of the endless body `abcdefghijklmnopqrstuvwxyzabc…`."""
    repeated = ALPHABET * (length // len(ALPHABET) + 2)
    offset = start % len(ALPHABET)
    return repeated[offset : offset + length]


async def byte_range(request: web.Request) -> web.StreamResponse:
    """n bytes (`abc…zabc…`) that honour a Range header; `?duration=` spreads them out."""
    limits = request.app[LIMITS]
    n = path_int(request, "n", minimum=1, maximum=limits.max_streamed_response)
    chunk_size = _chunk_size(request)
    duration = query_float(request, "duration", 0.0, maximum=limits.max_duration)
    headers = {"ETag": f"range{n}", "Accept-Ranges": "bytes"}
    try:
        span = parse_range(request.headers.get("Range"), n)
    except ValueError as exc:
        raise client_error(
            web.HTTPRequestRangeNotSatisfiable, str(exc), headers={**headers, "Content-Range": f"bytes */{n}"}
        ) from None
    first, last = span or (0, n - 1)
    status = 206 if span else 200
    if span:
        headers["Content-Range"] = f"bytes {first}-{last}/{n}"
    response = web.StreamResponse(status=status, headers={**headers, "Content-Type": "application/octet-stream"})
    response.content_length = last - first + 1
    starts = range(first, last + 1, chunk_size)
    chunks = (letters(start, min(chunk_size, last + 1 - start)) for start in starts)
    pause = duration / max(len(starts), 1)
    return await _send_chunks(request, response, chunks, pause=pause)


async def delay(request: web.Request) -> web.Response:
    """Wait {delay} seconds (at most the duration limit), then echo the request."""
    seconds = path_float(request, "delay", maximum=request.app[LIMITS].max_duration)
    echo = await read_echo(request)
    await asyncio.sleep(seconds)
    return json_response(echo.select(DELAY_FIELDS))


def _link_count(request: web.Request) -> int:
    return path_int(request, "n", minimum=1, maximum=request.app[LIMITS].max_links)


async def links_start(request: web.Request) -> web.Response:
    """Redirect to the first page of /links/{n}/0."""
    n = _link_count(request)
    return web.Response(status=302, headers={"Location": f"/links/{n}/0"})


async def links_page(request: web.Request) -> web.Response:
    """Page {offset} of a graph of n pages, each linking to all the others."""
    n = _link_count(request)
    offset = path_int(request, "offset", maximum=n - 1)
    items = [str(i) if i == offset else f"<a href='/links/{n}/{i}'>{i}</a>" for i in range(n)]
    html = f"<html><head><title>Links</title></head><body>{' '.join(items)} </body></html>"
    return web.Response(text=html, content_type="text/html")
