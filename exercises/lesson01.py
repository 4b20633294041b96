"""Exercises of lesson 01: requests at once with asyncio.gather, bodies as bytes, text in a given charset."""

from __future__ import annotations

import json
import time
from importlib import resources

import aiohttp

from local_server import start_local_server
from local_server.endpoints.formats import CHARSET_SAMPLES

from .core import NotYet, exercise, expect, expect_type

OVERLAP_LIMIT = 3.0
"""Four requests of 1 s each: about 1 s when they overlap, at least 4 s one after the other."""


def _index_in(body: str) -> int | None:
    """The `i` query parameter the server echoed in a /delay body, or None if the body is not such an echo."""
    try:
        return int(json.loads(body)["args"]["i"])
    except (ValueError, TypeError, KeyError):
        return None


def _expect_bodies_in_order(bodies: object, urls: list[str]) -> None:
    expect_type(bodies, list, "fetch_all", "a list with one body per URL")
    expect(len(bodies) == len(urls), f"got {len(bodies)} bodies for {len(urls)} URLs: return one body per URL")
    for body in bodies:
        expect(
            isinstance(body, str),
            f"each body must be the response's text (str), not {type(body).__name__}: use await resp.text()",
        )
    indexes = [_index_in(body) for body in bodies]
    for position, index in enumerate(indexes):
        expect(index is not None, f"body {position} is not what the server sent for urls[{position}]")
    expect(
        sorted(indexes) == list(range(len(urls))),
        f"the bodies answer the URLs {indexes}, not each of 0..{len(urls) - 1} once: fetch every URL once",
    )
    expect(
        indexes == list(range(len(urls))),
        f"the bodies came back in the order the responses finished (the answers to urls {indexes}), "
        "not in the order of urls: asyncio.gather(...) returns results in the order of its arguments",
    )


@exercise(
    "01.1",
    "fetch several URLs at once, bodies in the order of the URLs",
    "fetch_all",
    (
        "Write a helper that fetches one URL, then start all the helpers together instead of awaiting them one by one.",
        "Write a helper `async def fetch_text(url)` that makes one request with "
        "`async with aiohttp.request('GET', url) as resp:` and returns `await resp.text()`. Then "
        "`return await asyncio.gather(*(fetch_text(url) for url in urls))`: gather runs them all at the same time "
        "and gives back a list of their results in the order of its arguments.",
    ),
)
async def check_fetch_all(fetch_all) -> None:
    server = await start_local_server()

    urls = [f"{server.url}/delay/1?i={i}" for i in range(4)]
    started = time.perf_counter()
    bodies = await fetch_all(urls)
    elapsed = time.perf_counter() - started
    _expect_bodies_in_order(bodies, urls)
    expect(
        elapsed < OVERLAP_LIMIT,
        f"4 requests that take 1 s each took {elapsed:.1f} s together: the requests did not overlap. "
        "Awaiting them one by one waits for each before starting the next; start them all with asyncio.gather",
    )

    # The first URL answers last: a list in the order the responses finished is not in the order of urls.
    urls = [f"{server.url}/delay/{delay}?i={i}" for i, delay in enumerate((0.6, 0.3, 0))]
    _expect_bodies_in_order(await fetch_all(urls), urls)


@exercise(
    "01.2",
    "download a body as bytes",
    "download",
    (
        "The body of a picture is not text: ask the response for its bytes, untouched.",
        "Inside `async with aiohttp.request('GET', url) as resp:`, `await resp.read()` returns the body as bytes, "
        "exactly as the server sent it. `resp.text()` would try to decode it as text, which fails for a picture.",
    ),
)
async def check_download(download) -> None:
    server = await start_local_server()
    logo = resources.files("local_server.assets").joinpath("logo.png").read_bytes()
    random_url = f"{server.url}/bytes/2048?seed=7"
    async with aiohttp.request("GET", random_url) as resp:
        random_bytes = await resp.read()

    cases = [(f"{server.url}/image/png", logo, "the PNG"), (random_url, random_bytes, "random bytes")]
    for url, expected, what in cases:
        try:
            body = await download(url)
        except UnicodeDecodeError as exc:
            raise NotYet(
                f"your code decoded {what} as text and failed ({exc.encoding} cannot decode byte "
                f"{exc.object[exc.start]:#04x} at position {exc.start}): binary data is not text. "
                "Return await resp.read()"
            ) from None
        expect_type(body, bytes, "download", "the body as bytes")
        expect(
            body == expected,
            f"for {url.removeprefix(server.url)} you returned {len(body)} bytes that differ from the "
            f"{len(expected)} bytes the server sent",
        )


@exercise(
    "01.3",
    "decode a text whose charset the server does not declare",
    "read_latin1",
    (
        "The server did not say which charset it used, but the task does: tell text() about it.",
        "The server sends ISO-8859-1 (latin-1) bytes and its Content-Type names no charset, so `resp.text()` "
        "falls back to UTF-8 and fails. Tell it the charset: `await resp.text(encoding='iso-8859-1')`.",
    ),
)
async def check_read_latin1(read_latin1) -> None:
    server = await start_local_server()
    expected = CHARSET_SAMPLES["iso-8859-1"]
    try:
        text = await read_latin1(f"{server.url}/encoding/iso-8859-1?declare=false")
    except UnicodeDecodeError as exc:
        raise NotYet(
            f"decoding failed ({type(exc).__name__}: {exc}). The server declared no charset, so resp.text() "
            "fell back to UTF-8; pass the charset the server really used: resp.text(encoding=...)"
        ) from None
    expect_type(text, str, "read_latin1", "the decoded text as a str")
    expect(
        "\ufffd" not in text,
        f"got {text!r}: each replacement character \ufffd stands for a byte that was decoded with the wrong "
        "charset (errors='replace' hides the mistake, it does not fix it); decode the body as ISO-8859-1",
    )
    expect(text == expected, f"got {text!r}; expected {expected!r}")
