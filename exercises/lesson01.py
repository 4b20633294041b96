"""Exercises of lesson 01: requests at once with asyncio.gather, bodies as bytes, text in a given charset."""

from __future__ import annotations

import json
from importlib import resources

import aiohttp
from aiohttp import web

from local_server import create_app, start_local_server
from local_server.endpoints.formats import CHARSET_SAMPLES

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type
from .sessions import sessions_made

FAN_OUT = 4
"""How many one-second URLs the check gives fetch_all: its own server sees whether all are in flight at once."""

SECOND_LATIN1_TEXT = "Smörgåsbord für 12 £, s'il vous plaît: ½ × ¾ ± ¼. ¿Sí? Þórr, Ærø.\n"
"""Another ISO-8859-1 text, from the check's own server: an answer must decode what it is sent."""


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
    "fetch several URLs at once, through one session, bodies in the order of the URLs",
    "fetch_all",
    (
        "Start every request first and wait for them all together, instead of waiting for each one before "
        "starting the next. One session, opened once around all of them, carries every request.",
        "asyncio.gather(*coroutines) starts every coroutine at once and returns their results in the order of "
        "its arguments: write a helper coroutine that fetches one URL and returns its text, and gather one call "
        "of it per URL.",
        "Share the session: open one aiohttp.ClientSession with async with around the gather, and hand it to "
        "the helper, which sends its request with session.get(url) and reads resp.text() inside its own "
        "async with block.",
    ),
)
async def check_fetch_all(fetch_all) -> None:
    app = create_app()  # the local server's /delay, served by the check so that it sees what arrives when
    log = RequestLog()
    app.middlewares.append(log.middleware)
    async with serving(app) as base:
        urls = [f"{base}/delay/1?i={i}" for i in range(FAN_OUT)]
        with sessions_made() as sessions:
            try:
                bodies = await fetch_all(urls)
            finally:
                still_open = [session for session in sessions if not session.closed]
                for session in still_open:
                    await session.close()
        _expect_bodies_in_order(bodies, urls)
        expect(
            log.most_in_flight > 1,
            f"your {FAN_OUT} requests went one after another: awaiting each before starting the next (or a "
            "blocking client such as urllib) adds up their waits. Start them all together with asyncio.gather(*...)",
        )
        expect(
            log.most_in_flight == FAN_OUT,
            f"at most {log.most_in_flight} of your {FAN_OUT} requests were in flight at once; all {FAN_OUT} "
            "must be: do not hold any back, gather one coroutine per URL",
        )
        expect(
            len(log.requests) == FAN_OUT,
            f"the server got {len(log.requests)} requests for {FAN_OUT} URLs: send one request per URL",
        )
        expect(
            len(sessions) <= 1,
            f"your {FAN_OUT} requests went through {len(sessions)} sessions, one per request (aiohttp.request() "
            "makes one each time too): make one aiohttp.ClientSession in fetch_all and send every request through it",
        )
        expect(
            not still_open,
            "the ClientSession fetch_all made was still open when it returned: make it with "
            "`async with aiohttp.ClientSession() as session:`, which closes it when the block ends",
        )

        # The first URL answers last: a list in the order the responses finished is not in the order of urls.
        urls = [f"{base}/delay/{delay}?i={i}" for i, delay in enumerate((0.6, 0.3, 0))]
        _expect_bodies_in_order(await fetch_all(urls), urls)


REPLACEMENT_BYTES = "\ufffd".encode()
"""U+FFFD encoded as UTF-8: what bytes that went through text(errors="replace") and back are full of."""


@exercise(
    "01.2",
    "download a body as bytes",
    "download",
    (
        "The body of a picture is not text: ask the response for its body as it came, untouched, with no decoding.",
        "`await resp.read()` returns the body as bytes, exactly as the server sent it; resp.text() would decode "
        "it as text, which fails for a picture.",
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
        path = url.removeprefix(server.url)
        try:
            body = await download(url)
        except UnicodeDecodeError as exc:
            raise NotYet(
                f"your code decoded {what} as text and failed ({exc.encoding} cannot decode byte "
                f"{exc.object[exc.start]:#04x} at position {exc.start}): binary data is not text. "
                "Return await resp.read()"
            ) from None
        if isinstance(body, aiohttp.StreamReader):
            raise NotYet(
                "download returned resp.content, the stream the body arrives on, not the body: "
                "read it, with await resp.read()"
            )
        expect_type(body, bytes, "download", "the body as bytes")
        if body == expected:
            continue
        expect(
            not (body and expected.startswith(body)),
            f"for {path} you returned the first {len(body)} of the {len(expected)} bytes the server sent: "
            "return the whole body, await resp.read()",
        )
        expect(
            REPLACEMENT_BYTES not in body,
            f"for {path} your bytes hold replacement characters (U+FFFD): the body went through text() and "
            "back, which changes every byte that is not valid text. Return await resp.read()",
        )
        raise NotYet(
            f"for {path} you returned {len(body)} bytes that differ from the {len(expected)} bytes the server "
            "sent: return the body untouched, await resp.read()"
        )


async def _second_latin1_text(request: web.Request) -> web.Response:
    return web.Response(body=SECOND_LATIN1_TEXT.encode("iso-8859-1"), headers={"Content-Type": "text/plain"})


@exercise(
    "01.3",
    "decode a text whose charset the server does not declare",
    "read_latin1",
    (
        "The server did not say which charset it used, but the task does: tell the method that decodes the "
        "text which one to use.",
        "resp.text takes an encoding argument, which overrides what the headers say (or do not say). The task "
        "names the charset: ISO-8859-1, also called latin-1.",
    ),
)
async def check_read_latin1(read_latin1) -> None:
    server = await start_local_server()
    app = web.Application()
    app.router.add_get("/another-latin1-text", _second_latin1_text)
    async with serving(app) as own_url:
        cases = [
            (f"{server.url}/encoding/iso-8859-1?declare=false", CHARSET_SAMPLES["iso-8859-1"]),
            (f"{own_url}/another-latin1-text", SECOND_LATIN1_TEXT),
        ]
        for url, expected in cases:
            try:
                text = await read_latin1(url)
            except UnicodeDecodeError as exc:
                raise NotYet(
                    f"decoding failed ({type(exc).__name__}: {exc}). The server declared no charset, so "
                    "resp.text() fell back to UTF-8; pass the charset the server really used: resp.text(encoding=...)"
                ) from None
            _expect_latin1_text(text, expected, first=url == cases[0][0])


def _expect_latin1_text(text: object, expected: str, *, first: bool) -> None:
    expect_type(text, str, "read_latin1", "the decoded text as a str")
    if text == expected:
        return
    expect(
        "\ufffd" not in text,
        f"got {text!r}: each replacement character \ufffd stands for a byte that was decoded with the wrong "
        "charset (errors='replace' hides the mistake, it does not fix it); decode the body as ISO-8859-1",
    )
    expect(
        len(text) >= len(expected),
        f"got {text!r}: {len(expected) - len(text)} letters are missing (errors='ignore' drops every byte it "
        "cannot decode, and the letter with it); decode the body as ISO-8859-1",
    )
    expect(
        first or text != CHARSET_SAMPLES["iso-8859-1"],
        f"for a second text, which reads {expected!r}, you returned the lesson's text again: "
        "return what the server sent to the URL you are given, decoded",
    )
    raise NotYet(f"got {text!r}; expected {expected!r}: decode the body as ISO-8859-1")
