"""Exercises of lesson 21: many questions over one WebSocket, every text message until the server closes.

Each check serves a WebSocket endpoint of its own: an aiohttp.web app whose handler answers with a
`web.WebSocketResponse`, served by `check_server.serving`. A `SocketLog` notes what arrived on every WebSocket the
server accepted and how each one ended. 21.1's server answers JSON questions and counts the WebSockets opened for
them; 21.2's server sends text and binary messages with pauses (and a ping) between them, then closes with a code
the learner cannot know in advance.
"""

from __future__ import annotations

import asyncio
import json
import random
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import WSCloseCode, WSMsgType, web

from .check_server import serving
from .core import NotYet, exercise, expect, expect_type, outcome
from .sessions import GivenSession, expect_session_open, given_session

SERVER_CLOSE_TIMEOUT = 1.0
"""How long the check's server waits for the client to answer its close frame."""
CLIENT_CLOSE_WITHIN = 1.0
"""How long after the learner's function returned the check waits for its close to reach the server."""
POLL = 0.02
"""Seconds between two looks at whether the server has seen a WebSocket end (the server runs in its own thread)."""


# ---------------------------------------------------------------------------------------------------
# What the two checks share: a WebSocket endpoint that notes what it received, and a session that sees each request.


@dataclass
class SeenSocket:
    """One WebSocket the check's server accepted: the messages that arrived on it, and how it ended."""

    received: list[tuple[WSMsgType, str | bytes]] = field(default_factory=list)
    client_close_code: int | None = None
    """The code of the client's close frame, when the client closed first."""
    server_close: tuple[int, str] | None = None
    """The code and reason of the server's close frame, when the server closed first."""
    ended: bool = False

    @property
    def texts(self) -> list[str]:
        return [data for kind, data in self.received if kind is WSMsgType.TEXT]

    @property
    def binaries(self) -> list[bytes]:
        return [data for kind, data in self.received if kind is WSMsgType.BINARY]


Talk = Callable[[web.WebSocketResponse, SeenSocket], Awaitable[None]]
"""What the server does on one WebSocket, noting what it received in the SeenSocket."""


@dataclass
class SocketLog:
    """Every WebSocket the check's server accepted, in order, and how many plain HTTP requests it got instead."""

    sockets: list[SeenSocket] = field(default_factory=list)
    plain_requests: int = 0

    def handler(self, talk: Talk) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def handle(request: web.Request) -> web.StreamResponse:
            ws = web.WebSocketResponse(timeout=SERVER_CLOSE_TIMEOUT)
            if not ws.can_prepare(request).ok:
                self.plain_requests += 1
                return web.json_response({"error": "this is a WebSocket endpoint: use session.ws_connect"}, status=426)
            await ws.prepare(request)
            seen = SeenSocket()
            self.sockets.append(seen)
            try:
                await talk(ws, seen)
            except ConnectionError:  # the client went away while the server was sending
                pass
            finally:
                seen.ended = True
            return ws

        return handle

    async def wait_until_ended(self, seconds: float) -> bool:
        """Whether every WebSocket has ended (the client's close reached the server) within `seconds`."""
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + seconds
        while not all(seen.ended for seen in self.sockets):
            if loop.time() >= give_up_at:
                return False
            await asyncio.sleep(POLL)
        return True


async def _next_message(ws: web.WebSocketResponse, seen: SeenSocket, within: float | None = None) -> Any:
    """The next text or binary message, noted in `seen`; None once the connection is over (a client's close noted).

    `within`: raise TimeoutError when nothing arrives for that many seconds.
    """
    msg = await ws.receive(timeout=within)
    if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY):
        seen.received.append((msg.type, msg.data))
        return msg
    if msg.type is WSMsgType.CLOSE:  # answered by aiohttp (autoclose)
        seen.client_close_code = msg.data
    return None


async def _close(ws: web.WebSocketResponse, seen: SeenSocket, code: int, reason: str) -> None:
    seen.server_close = (code, reason)
    await ws.close(code=code, message=reason.encode())


@asynccontextmanager
async def _serving_socket(talk: Talk) -> AsyncIterator[tuple[str, SocketLog, GivenSession]]:
    """Serve `talk` at /ws on 127.0.0.1; yield its ws:// URL, the log of what it saw, and a session for the learner."""
    log = SocketLog()
    app = web.Application()
    app.router.add_get("/ws", log.handler(talk))
    async with serving(app) as base_url, given_session() as given:
        yield f"{base_url.replace('http://', 'ws://', 1)}/ws", log, given


def _expect_websockets_opened(log: SocketLog, given: GivenSession, call: str, exc: BaseException | None) -> None:
    """The function opened at least one WebSocket, through the session it was given."""
    if log.plain_requests and not log.sockets:
        raise NotYet(
            f"{call} sent a plain HTTP request, which a WebSocket endpoint refuses with 426: open a WebSocket with "
            "`session.ws_connect(url)` instead of `session.get(url)`"
        )
    if not log.sockets and exc is not None:
        raise exc  # failed before connecting: core.check says what that error means
    expect(log.sockets, f"{call} opened no WebSocket: connect with `session.ws_connect(url)`, in an `async with` block")
    expect_session_open(given.session, call)
    expect(
        given.started,
        f"{call} opened its WebSocket with a session of its own: use the session it was given, "
        "`session.ws_connect(url)`, so that the caller's settings and connection pool apply",
    )


def _described(close: tuple[int, str] | None) -> str:
    """A close frame as the learner would print it: `code 4408, "nothing arrived for 2 s"`."""
    if close is None:
        return "no close frame"
    code, reason = close
    return f'code {code}, "{reason}"'


def _token() -> str:
    """A value the learner cannot know in advance: the answer must come from the server."""
    return secrets.token_hex(3)


# ---------------------------------------------------------------------------------------------------
# 21.1 ask_all: every question over one WebSocket, as JSON; the answers in order; the WebSocket closed.

IDLE = 2.0
"""21.1's server closes a WebSocket on which nothing has arrived for this long (a client waiting for too much)."""
IDLE_CODE = 4408
NOT_A_QUESTION = 4400


def _answer(question: Any) -> dict | None:
    """The answer to `{"id": …, "numbers": […]}`, or None for anything else."""
    if not isinstance(question, dict) or set(question) != {"id", "numbers"}:
        return None
    numbers = question["numbers"]
    if not isinstance(numbers, list) or not all(isinstance(n, int) for n in numbers):
        return None
    return {"id": question["id"], "total": sum(numbers)}


async def _answer_questions(ws: web.WebSocketResponse, seen: SeenSocket) -> None:
    while True:
        try:
            msg = await _next_message(ws, seen, within=IDLE)
        except TimeoutError:
            await _close(ws, seen, IDLE_CODE, f"nothing arrived for {IDLE:g} s")
            return
        if msg is None:
            return
        if msg.type is WSMsgType.BINARY:
            await _close(ws, seen, WSCloseCode.UNSUPPORTED_DATA, "a binary message: questions are JSON text")
            return
        try:
            answer = _answer(json.loads(msg.data))
        except ValueError:
            answer = None
        if answer is None:
            await _close(ws, seen, NOT_A_QUESTION, "not a question")
            return
        await ws.send_json(answer)


def _questions() -> list[dict]:
    return [
        {"id": f"q{n}-{_token()}", "numbers": [random.randint(-50, 99) for _ in range(random.randint(1, 4))]}
        for n in range(random.randint(4, 6))
    ]


def _expect_questions_sent_as_json(log: SocketLog, questions: Sequence[dict]) -> None:
    """Every message that arrived was a question as JSON text, and each question arrived exactly once."""
    for seen in log.sockets:
        if seen.binaries:
            raise NotYet(
                f"the server received a binary message ({len(seen.binaries[0])} bytes): JSON travels as text. "
                "Send each question with `ws.send_json(question)`, which sends it as a text message"
            )
        for text in seen.texts:
            try:
                json.loads(text)
            except ValueError:
                raise NotYet(
                    f"the server received the text {text[:60]!r}, which is not JSON: send each question with "
                    "`ws.send_json(question)` (str() of a dict is Python's notation, not JSON)"
                ) from None
    arrived = [json.loads(text) for seen in log.sockets for text in seen.texts]
    expect(
        sorted(arrived, key=str) == sorted(questions, key=str),
        f"the server received {len(arrived)} messages for {len(questions)} questions: send each question once, "
        "as it is, with `ws.send_json(question)`",
    )


@exercise(
    "21.1",
    "many JSON questions over one WebSocket, answers in order",
    "ask_all",
    (
        "A WebSocket is one connection that carries many messages, both ways: open it once, before the first "
        "question, and keep it open until the last answer has arrived. JSON travels as text messages. Close it "
        "before you return.",
        "Open it with `session.ws_connect(url)` in an `async with` block, which also closes it when the block ends. "
        "Inside, send each question with `ws.send_json()` and read its answer with `ws.receive_json()` (both are "
        "awaited); only one receive may wait at a time, so read the answers one after the other, not with gather.",
    ),
)
async def check_ask_all(ask_all) -> None:
    questions = _questions()
    expected = [_answer(question) for question in questions]
    async with _serving_socket(_answer_questions) as (url, log, given):
        answers, exc = await outcome(ask_all(given.session, url, [dict(q) for q in questions]))
        _expect_websockets_opened(log, given, "ask_all", exc)
        if isinstance(exc, RuntimeError) and "Concurrent call to receive()" in str(exc):
            raise NotYet(
                "two receive() calls were waiting on the WebSocket at once (RuntimeError: Concurrent call to "
                "receive() is not allowed): only one task may receive on a WebSocket. Read the answers one after "
                "the other, in a loop"
            )
        _expect_questions_sent_as_json(log, questions)
        count = len(log.sockets)
        expect(
            count == 1,
            f"ask_all opened {count} WebSockets for {len(questions)} questions: open one, with "
            "`session.ws_connect(url)`, and send every question over it (a WebSocket stays open for as many "
            "messages as you like)",
        )
        (seen,) = log.sockets
        if exc is not None:
            if seen.server_close is not None and seen.server_close[0] == IDLE_CODE:
                raise NotYet(
                    f"ask_all was still waiting after the last answer, so the server closed the idle WebSocket after "
                    f"{IDLE:g} s; your code then raised {type(exc).__name__}. Read exactly one answer per question"
                )
            raise exc
        expect_type(answers, list, "ask_all", "the answers as a list (one parsed JSON answer per question)")
        expect(
            len(answers) == len(questions),
            f"ask_all returned {len(answers)} answers for {len(questions)} questions: one answer per question",
        )
        for n, (answer, right) in enumerate(zip(answers, expected, strict=True)):
            expect(
                not isinstance(answer, str | bytes),
                f"answer {n} is the text {answer!r}, not parsed: read each answer with `ws.receive_json()` "
                "(or json.loads the text), so that the caller gets a dict",
            )
            expect(
                answer == right,
                f"answer {n} is {answer!r}; the server answered question {n} ({questions[n]!r}) with {right!r}: "
                "return the answers in the order of the questions",
            )
        expect(
            seen.server_close is None,
            f"the server closed the WebSocket ({_described(seen.server_close)}) before ask_all did: ask_all waited "
            "for more than the answers. Read one answer per question, then close",
        )
        ended = await log.wait_until_ended(CLIENT_CLOSE_WITHIN)
        expect(
            ended and seen.client_close_code is not None,
            "ask_all returned with its WebSocket still open: close it before returning (`async with "
            "session.ws_connect(url) as ws:` closes it when the block ends; or `await ws.close()`)",
        )


# ---------------------------------------------------------------------------------------------------
# 21.2 collect_until_close: every text message until the server closes, and the server's close code.

QUIET = 0.4
"""The pause the server makes before its last text: a quiet moment is not the end of the conversation."""
GAP = 0.03
"""The longest pause between the server's other messages."""


@dataclass(frozen=True)
class _Script:
    """What 21.2's server says on one WebSocket: messages (str for text, bytes for binary, None for a ping), then
    a quiet pause, a last text, and its close."""

    messages: tuple[str | bytes | None, ...]
    last_text: str
    close_code: int
    reason: str

    @property
    def texts(self) -> list[str]:
        return [m for m in self.messages if isinstance(m, str)] + [self.last_text]

    def texts_before_first_binary(self) -> list[str]:
        texts = []
        for m in self.messages:
            if isinstance(m, bytes):
                break
            if isinstance(m, str):
                texts.append(m)
        return texts

    def texts_before_quiet(self) -> list[str]:
        return self.texts[:-1]


def _scripts() -> list[_Script]:
    """Two conversations: one that starts with text, one that starts with a binary message; random codes."""

    def note() -> str:
        return random.choice([f"note {_token()}", json.dumps({"event": "tick", "n": random.randint(1, 99)})])

    first = [note(), secrets.token_bytes(random.randint(3, 9)), note(), None, note()]
    second = [secrets.token_bytes(random.randint(3, 9)), note(), note(), secrets.token_bytes(4), None, note()]
    codes = [random.randint(4000, 4999), random.choice([WSCloseCode.GOING_AWAY, WSCloseCode.TRY_AGAIN_LATER])]
    return [
        _Script(tuple(messages), f"last {_token()}", int(code), f"done {_token()}")
        for messages, code in zip((first, second), codes, strict=True)
    ]


def _talking(script: _Script) -> Talk:
    async def talk(ws: web.WebSocketResponse, seen: SeenSocket) -> None:
        async def say() -> None:
            for message in script.messages:
                if message is None:
                    await ws.ping()
                elif isinstance(message, str):
                    await ws.send_str(message)
                else:
                    await ws.send_bytes(message)
                await asyncio.sleep(random.uniform(0, GAP))
            await asyncio.sleep(QUIET)
            await ws.send_str(script.last_text)
            await _close(ws, seen, script.close_code, script.reason)

        speaker = asyncio.create_task(say())
        try:
            while not ws.closed and await _next_message(ws, seen) is not None:
                pass  # what the client sends is noted; the server says its script whatever it hears
        finally:
            if seen.server_close is None:  # the client closed (or went away) first: no one is listening any more
                speaker.cancel()
            await asyncio.gather(speaker, return_exceptions=True)

    return talk


def _what_is_wrong_with_texts(texts: list, script: _Script) -> str:
    got = f"collect_until_close returned the texts {texts!r}"
    if any(isinstance(text, bytes) for text in texts):
        return (
            f"{got}: bytes among them are the data of binary messages. Keep only the messages whose type is "
            "WSMsgType.TEXT"
        )
    if texts == script.texts_before_first_binary():
        return (
            f"{got}: it stopped at the first message that is not text (a binary message). The server goes on "
            "talking after it: skip such messages and read on until the server closes"
        )
    if texts == script.texts_before_quiet():
        return (
            f"{got}: it stopped while the server was quiet for {QUIET:g} s, before its last text. A quiet moment is "
            "not the end: read until the server's close (`async for` ends then)"
        )
    return f"{got}; the server sent these texts before it closed: {script.texts!r}"


def _what_is_wrong_with_code(code: Any, script: _Script) -> str:
    shown = int(code) if isinstance(code, int) and not isinstance(code, bool) else repr(code)
    got = f"collect_until_close returned the close code {shown}"
    if code is None:
        return (
            f"{got}: the code comes with the server's close. Read `ws.close_code` once the server has closed "
            "(after an `async for` loop over ws), or take `msg.data` of the WSMsgType.CLOSE message"
        )
    if code == script.reason:
        return f"{got}: that is the close reason (msg.extra); the code is `ws.close_code` (or msg.data)"
    if code == WSCloseCode.OK:
        return (
            f"{got}: 1000 is what your own close sends (leaving `async with` closes with 1000). The server closed "
            "with another code: wait for its close and return `ws.close_code`"
        )
    if code == WSCloseCode.ABNORMAL_CLOSURE:
        return (
            f"{got}: aiohttp sets 1006 when a connection ends without a close handshake, or when a receive() "
            "times out. Wait for the server's own close, without a receive timeout, and return `ws.close_code`"
        )
    return f"{got}; the server closed with {script.close_code}"


@exercise(
    "21.2",
    "every text message until the server closes, and its close code",
    "collect_until_close",
    (
        "Read message after message and look at the type of each: keep the text ones, skip the others, and stop "
        "only when the server's close has arrived, however quiet the server is before it. Once it has closed, the "
        "WebSocket knows the code it closed with.",
        "Open the WebSocket with `session.ws_connect(url)` and loop with `async for` over it: the loop yields every "
        "message and ends when the server closes. Keep `msg.data` when `msg.type is aiohttp.WSMsgType.TEXT`. After "
        "the loop, `ws.close_code` is the server's code.",
    ),
)
async def check_collect_until_close(collect_until_close) -> None:
    for script in _scripts():
        async with _serving_socket(_talking(script)) as (url, log, given):
            result, exc = await outcome(collect_until_close(given.session, url))
            _expect_websockets_opened(log, given, "collect_until_close", exc)
            expect(
                len(log.sockets) == 1,
                f"collect_until_close opened {len(log.sockets)} WebSockets for one call: open one and read it to "
                "the end",
            )
            if isinstance(exc, aiohttp.WSMessageTypeError):
                raise NotYet(
                    f"your code raised WSMessageTypeError ({exc}): receive_str() refuses a binary message, and the "
                    "server sends some. Read with `ws.receive()` (or `async for msg in ws`) and keep the text ones"
                )
            if exc is not None:
                raise exc
            expect(
                isinstance(result, tuple | list) and len(result) == 2,
                f"collect_until_close must return a pair (texts, close_code), not {result!r}",
            )
            texts, code = result
            expect_type(texts, list, "collect_until_close", "the texts as a list of str, first in the pair")
            expect(texts == script.texts, _what_is_wrong_with_texts(texts, script))
            expect(isinstance(code, int) and code == script.close_code, _what_is_wrong_with_code(code, script))
