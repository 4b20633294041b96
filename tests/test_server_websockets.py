"""WebSockets: /ws/echo (echo, closes on purpose, heartbeat, silent) and /ws/room/{room} (broadcast, notices, bounds).

Each test gets a fresh server as `local_server.runner.open_site` serves it (the thread server, the command line):
aiohttp's TestServer cancels a handler whose client has gone, where the real server lets it run on, and the
abrupt disconnects below must be met by the real one. After every test nothing was logged at WARNING or above
by any logger: no safety-net 500 (`local_server`), no traceback from aiohttp (`aiohttp.server`, `aiohttp.websocket`),
no task whose exception was never retrieved (`asyncio`).

The abuse cases speak the protocol by hand over a raw socket (RFC 6455, section 5): frames with a bad opcode, set
reserved bits, text that is not UTF-8, a length over the limit, frames cut off by a client that goes away.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import socket
import struct
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
from aiohttp import WSMsgType, web
from conftest import assert_json_error
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from local_server import Limits
from local_server.endpoints.websockets import OPEN_SOCKETS, ROOMS, Rooms, sendable_close_code
from local_server.runner import HOST, open_site

BOUND = 10  # seconds: "never hangs"
LIMIT = Limits().max_ws_message  # 64 KiB
OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


@pytest.fixture(autouse=True)
def nothing_logged(caplog):
    """After each test: no logger said anything at WARNING or above, while it ran or while its server stopped."""
    with caplog.at_level(logging.WARNING):
        yield
        records = caplog.get_records("call") + caplog.get_records("teardown")
    assert not [f"{record.name}: {record.getMessage()}" for record in records if record.levelno >= logging.WARNING]


@dataclass
class Served:
    runner: web.AppRunner
    port: int
    session: aiohttp.ClientSession

    @property
    def app(self) -> web.Application:
        return self.runner.app

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def ws_connect(self, path: str, **kwargs):
        return self.session.ws_connect(self.url(path), **kwargs)

    def get(self, path: str, **kwargs):
        return self.session.get(self.url(path), **kwargs)

    async def settled(self) -> None:
        """Wait until every WebSocket handler has ended and every room is gone."""
        async with asyncio.timeout(BOUND):
            while self.app[OPEN_SOCKETS] or len(self.app[ROOMS]):
                await asyncio.sleep(0.01)

    async def still_answers(self) -> None:
        async with asyncio.timeout(BOUND):
            async with self.get("/get") as resp:
                assert resp.status == 200
            async with self.ws_connect("/ws/echo") as ws:
                await ws.send_str("still there?")
                assert await ws.receive_str() == "still there?"


@pytest.fixture
async def serve() -> AsyncIterator:
    """`served = await serve(Limits(...))`: a fresh server with those limits (the defaults without), stopped after."""
    runners = []
    async with aiohttp.ClientSession() as session:

        async def start(limits: Limits | None = None) -> Served:
            runner, port = await open_site(0, limits, access_log=None)
            runners.append(runner)
            return Served(runner, port, session)

        try:
            yield start
        finally:
            for runner in runners:
                await runner.cleanup()


@pytest.fixture
async def served(serve) -> Served:
    return await serve()


# --- /ws/echo: each message back as it came -----------------------------------------------------------


@pytest.mark.parametrize(
    ("send", "payload", "kind"),
    [
        pytest.param("send_str", "hello", WSMsgType.TEXT, id="text"),
        pytest.param("send_str", "", WSMsgType.TEXT, id="empty-text"),
        pytest.param("send_str", "h\u00e9llo \u2713 \U0001f40d", WSMsgType.TEXT, id="unicode-text"),
        pytest.param("send_str", '{"a": 1}', WSMsgType.TEXT, id="json-looking-text"),
        pytest.param("send_bytes", b"\x00\x01\xfe\xff", WSMsgType.BINARY, id="binary"),
        pytest.param("send_bytes", b"", WSMsgType.BINARY, id="empty-binary"),
        pytest.param("send_bytes", "héllo".encode(), WSMsgType.BINARY, id="utf8-sent-as-binary"),
        pytest.param("send_bytes", os.urandom(LIMIT), WSMsgType.BINARY, id="binary-at-the-limit"),
        pytest.param("send_str", "x" * LIMIT, WSMsgType.TEXT, id="text-at-the-limit"),
    ],
)
@pytest.mark.parametrize("compress", [15, 0], ids=["deflate", "uncompressed"])
async def test_echo_sends_each_message_back_in_kind(served, send, payload, kind, compress):
    async with served.ws_connect("/ws/echo", compress=compress) as ws:
        await getattr(ws, send)(payload)
        msg = await ws.receive(timeout=BOUND)
    assert (msg.type, msg.data) == (kind, payload)


@pytest.mark.parametrize(
    "value",
    [{"a": 1, "b": [1, 2.5, None, True]}, [], "text", 3, None, {"nested": {"é": "✓"}}],
    ids=["object", "empty-list", "string", "number", "null", "unicode"],
)
async def test_echo_sends_json_back_unchanged(served, value):
    async with served.ws_connect("/ws/echo") as ws:
        await ws.send_json(value)
        assert await ws.receive_json(timeout=BOUND) == value


async def test_echo_keeps_the_order_of_many_messages(served):
    async with served.ws_connect("/ws/echo") as ws:
        for i in range(200):
            await (ws.send_str(str(i)) if i % 2 else ws.send_bytes(str(i).encode()))
        answers = [await ws.receive(timeout=BOUND) for _ in range(200)]
    assert [msg.data if msg.type is WSMsgType.TEXT else msg.data.decode() for msg in answers] == list(
        map(str, range(200))
    )


@pytest.mark.parametrize("payload", [b"", b"are you there?", b"x" * 125], ids=["empty", "text", "largest"])
async def test_echo_answers_a_ping_with_a_pong_carrying_its_payload(served, payload):
    async with served.ws_connect("/ws/echo", autoping=False) as ws:
        await ws.ping(payload)
        msg = await ws.receive(timeout=BOUND)
    assert (msg.type, msg.data) == (WSMsgType.PONG, payload)


async def test_a_plain_get_is_a_json_426_that_says_to_use_ws_connect(served):
    async with served.get("/ws/echo") as resp:
        body = await assert_json_error(resp, 426, "connect with a WebSocket client, session.ws_connect(url)")
        assert resp.headers["Upgrade"] == "websocket"
    assert body["error"] == (
        "/ws/echo is a WebSocket endpoint: connect with a WebSocket client, session.ws_connect(url), "
        "not with a plain HTTP request"
    )


@pytest.mark.parametrize("path", ["/ws/echo", "/ws/room/lobby", "/ws/echo?silent=1", "/ws/room/lobby?name=alice"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
async def test_a_request_without_upgrade_is_426(served, method, path):
    async with served.session.request(method, served.url(path)) as resp:
        assert resp.status == 426
        assert resp.content_type == "application/json"
        assert resp.headers["Upgrade"] == "websocket"
        if method == "GET":
            await assert_json_error(resp, 426, "not with a plain HTTP request")


async def test_ws_connect_to_a_plain_endpoint_is_a_handshake_error(served):
    """What a learner sees for a wrong URL: the server answered, but not with 101."""
    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        await served.ws_connect("/get")
    assert caught.value.status == 200


UPGRADE = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13"}
KEY = {"Sec-WebSocket-Key": base64.b64encode(b"0123456789abcdef").decode()}


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [
        pytest.param({**UPGRADE, "Connection": "keep-alive", **KEY}, "No CONNECTION upgrade hdr", id="no-connection"),
        pytest.param({**UPGRADE, "Sec-WebSocket-Version": "12", **KEY}, "Unsupported version: 12", id="version-12"),
        pytest.param({**UPGRADE, "Sec-WebSocket-Version": "", **KEY}, "Unsupported version", id="no-version"),
        pytest.param(UPGRADE, "Handshake error: None", id="no-key"),
        pytest.param({**UPGRADE, "Sec-WebSocket-Key": "c2hvcnQ="}, "Handshake error", id="key-too-short"),
        pytest.param({**UPGRADE, "Sec-WebSocket-Key": "%%%%"}, "Handshake error", id="key-not-base64"),
    ],
)
@pytest.mark.parametrize("path", ["/ws/echo", "/ws/room/lobby"])
async def test_a_broken_handshake_is_a_json_400(served, path, headers, fragment):
    async with served.get(path, headers=headers) as resp:
        body = await assert_json_error(resp, 400, "the WebSocket handshake is incomplete")
    assert fragment in body["error"]
    await served.settled()  # the room's place is given back


BAD_ECHO_QUERIES = [
    pytest.param("close_after=-1", "close_after must be at least 0", id="close-after-negative"),
    pytest.param("close_after=11", "close_after must be at most 10", id="close-after-over-max-duration"),
    pytest.param("close_after=soon", "close_after must be a number", id="close-after-word"),
    pytest.param("close_after=nan", "close_after must be a finite number", id="close-after-nan"),
    pytest.param("close_after_messages=-1", "close_after_messages must be at least 0", id="messages-negative"),
    pytest.param("close_after_messages=1.5", "close_after_messages must be a whole number", id="messages-float"),
    pytest.param("close_after=0&close_code=999", "close_code must be 1000-1003, 1007-1014", id="code-999"),
    pytest.param("close_after=0&close_code=1005", "close_code must be", id="code-1005-never-sent"),
    pytest.param("close_after=0&close_code=1006", "close_code must be", id="code-1006-never-sent"),
    pytest.param("close_after=0&close_code=1015", "close_code must be", id="code-1015-never-sent"),
    pytest.param("close_after=0&close_code=2999", "close_code must be", id="code-2999"),
    pytest.param("close_after=0&close_code=5000", "close_code must be", id="code-5000"),
    pytest.param("close_after=0&close_code=x", "close_code must be a whole number", id="code-word"),
    pytest.param("close_after=0&reason=" + "r" * 124, "reason must be at most 123 bytes of UTF-8, got 124", id="long"),
    pytest.param("close_after=0&reason=" + "%C3%A9" * 62, "reason must be at most 123 bytes of UTF-8, got 124", id="é"),
    pytest.param("close_code=4001", "close_code and reason need close_after or close_after_messages", id="code-alone"),
    pytest.param("reason=bye", "close_code and reason need close_after", id="reason-alone"),
    pytest.param("heartbeat=0", "heartbeat must be at least 0.05", id="heartbeat-zero"),
    pytest.param("heartbeat=0.01", "heartbeat must be at least 0.05", id="heartbeat-too-short"),
    pytest.param("heartbeat=11", "heartbeat must be at most 10", id="heartbeat-too-long"),
    pytest.param("silent=maybe", "silent must be true or false", id="silent-maybe"),
    pytest.param("silent=1&heartbeat=1", "silent=1 sends nothing", id="silent-and-heartbeat"),
    pytest.param("silent=1&close_after=1", "silent=1 sends nothing", id="silent-and-close-after"),
    pytest.param("silent=1&close_after_messages=1", "silent=1 sends nothing", id="silent-and-close-after-messages"),
]


@pytest.mark.parametrize(("query", "fragment"), BAD_ECHO_QUERIES)
@pytest.mark.parametrize("upgrade", [False, True], ids=["plain-get", "handshake"])
async def test_bad_echo_parameters_are_a_json_400(served, query, fragment, upgrade):
    headers = {**UPGRADE, **KEY} if upgrade else {}
    async with served.get(f"/ws/echo?{query}", headers=headers) as resp:
        await assert_json_error(resp, 400, fragment)


async def test_bad_parameters_make_ws_connect_raise_with_status_400(served):
    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        await served.ws_connect("/ws/echo?close_after=99")
    assert caught.value.status == 400


@pytest.mark.parametrize(
    "code",
    [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4001, 4999],
)
def test_sendable_close_codes(code):
    assert sendable_close_code(code)


@pytest.mark.parametrize("code", [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535])
def test_close_codes_a_server_never_sends(code):
    assert not sendable_close_code(code)


# --- closes: started by the client, started by the server on purpose --------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason"),
    [(1000, b""), (1001, b"going away"), (3000, b"bye"), (4001, "au revoir \u2713".encode()), (4999, b"r" * 123)],
)
async def test_a_close_from_the_client_is_answered_with_its_own_code(served, code, reason):
    async with served.ws_connect("/ws/echo") as ws:
        await ws.send_str("first")
        assert await ws.receive_str(timeout=BOUND) == "first"
        assert await ws.close(code=code, message=reason) is True
    assert ws.close_code == code, "the code of the server's reply"
    await served.settled()


SERVER_CLOSES = [
    pytest.param("close_after=0", 0, 1000, "closing after 0 s", id="at-once"),
    pytest.param("close_after=0.3", 0, 1000, "closing after 0.3 s", id="after-0.3s"),
    pytest.param("close_after=0.2&close_code=4001&reason=bye", 0, 4001, "bye", id="code-and-reason"),
    pytest.param("close_after=0&close_code=1011", 0, 1011, "closing after 0 s", id="internal-error"),
    pytest.param("close_after=0&close_code=3000&reason=", 0, 3000, "", id="empty-reason"),
    pytest.param("close_after=0&reason=au%20revoir%20%E2%9C%93", 0, 1000, "au revoir \u2713", id="unicode-reason"),
    pytest.param("close_after_messages=0", 0, 1000, "closing after 0 messages", id="after-no-message"),
    pytest.param("close_after_messages=3&close_code=4000", 3, 4000, "closing after 3 messages", id="after-3"),
    pytest.param("close_after_messages=2&close_after=5", 2, 1000, "closing after 2 messages", id="messages-first"),
    pytest.param("close_after_messages=99&close_after=0.2", 0, 1000, "closing after 0.2 s", id="time-first"),
]


@pytest.mark.parametrize(("query", "echoes", "code", "reason"), SERVER_CLOSES)
async def test_the_server_closes_on_purpose(served, query, echoes, code, reason):
    async with served.ws_connect(f"/ws/echo?{query}") as ws:
        for i in range(echoes):
            await ws.send_str(f"m{i}")
        received = [msg.data async for msg in ws]  # ends at the server's close
    assert received == [f"m{i}" for i in range(echoes)]
    assert ws.close_code == code
    await served.settled()


@pytest.mark.parametrize(("query", "echoes", "code", "reason"), SERVER_CLOSES)
async def test_the_close_frame_carries_the_code_and_reason(served, query, echoes, code, reason):
    async with served.ws_connect(f"/ws/echo?{query}", autoclose=False) as ws:
        for i in range(echoes):
            await ws.send_str(f"m{i}")
            assert await ws.receive_str(timeout=BOUND) == f"m{i}"
        msg = await ws.receive(timeout=BOUND)
    assert (msg.type, msg.data, msg.extra) == (WSMsgType.CLOSE, code, reason)


@pytest.mark.parametrize("delay", [0.2, 0.5])
async def test_close_after_comes_after_the_delay(served, delay):
    async with served.ws_connect(f"/ws/echo?close_after={delay}") as ws:
        started = time.monotonic()
        await ws.send_str("before the close")
        assert await ws.receive_str(timeout=BOUND) == "before the close"
        msg = await ws.receive(timeout=BOUND)
        waited = time.monotonic() - started
    assert msg.type is WSMsgType.CLOSE
    assert delay - 0.02 <= waited < delay + 2, f"closed after {waited:.2f} s"


async def test_messages_before_the_close_after_deadline_are_echoed(served):
    async with served.ws_connect("/ws/echo?close_after=1") as ws:
        for word in ["one", "two", "three"]:
            await ws.send_str(word)
        received = [msg.data async for msg in ws]
    assert received == ["one", "two", "three"]
    assert ws.close_code == 1000


async def test_close_after_messages_counts_binary_and_text(served):
    async with served.ws_connect("/ws/echo?close_after_messages=2") as ws:
        await ws.send_bytes(b"b")
        await ws.send_str("t")
        await ws.send_str("never echoed")
        received = [(msg.type, msg.data) async for msg in ws]
    assert received == [(WSMsgType.BINARY, b"b"), (WSMsgType.TEXT, "t")]


# --- heartbeat and silence ----------------------------------------------------------------------------


async def test_heartbeat_makes_the_server_ping(served):
    async with served.ws_connect("/ws/echo?heartbeat=0.1", autoping=False) as ws:
        started = time.monotonic()
        msg = await ws.receive(timeout=BOUND)
        waited = time.monotonic() - started
    assert (msg.type, msg.data) == (WSMsgType.PING, b"")
    assert 0.05 <= waited < 2, f"the ping came after {waited:.2f} s"


async def test_a_server_ping_left_unanswered_drops_the_connection(served):
    async with served.ws_connect("/ws/echo?heartbeat=0.1", autoping=False) as ws:
        assert (await ws.receive(timeout=BOUND)).type is WSMsgType.PING  # not answered: autoping is off
        msg = await ws.receive(timeout=BOUND)
    assert msg.type is WSMsgType.CLOSED
    assert ws.close_code == 1006, "dropped without a close frame"
    await served.settled()


async def test_a_client_that_reads_answers_the_heartbeat_and_stays(served):
    """aiohttp answers a ping inside receive(): a client that keeps reading keeps the connection.

    (`receive(timeout=0.6)` would never time out here: aiohttp starts its clock again after each ping it answers.)
    """
    async with served.ws_connect("/ws/echo?heartbeat=0.1") as ws:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.6):
                await ws.receive()  # nothing to read, several pings answered meanwhile
        await ws.send_str("still open")
        assert await ws.receive_str(timeout=BOUND) == "still open"


async def test_silent_never_echoes(served):
    async with served.ws_connect("/ws/echo?silent=1", timeout=aiohttp.ClientWSTimeout(ws_receive=0.3)) as ws:
        await ws.send_str("hello?")
        with pytest.raises(TimeoutError):
            await ws.receive()


async def test_silent_never_pongs(served):
    async with served.ws_connect("/ws/echo?silent=1", autoping=False) as ws:
        await ws.ping(b"are you there?")
        with pytest.raises(TimeoutError):
            await ws.receive(timeout=0.3)


async def test_silent_makes_the_client_heartbeat_fail(served):
    async with served.ws_connect("/ws/echo?silent=1", heartbeat=0.2) as ws:
        started = time.monotonic()
        msg = await ws.receive(timeout=BOUND)
        waited = time.monotonic() - started
    assert msg.type is WSMsgType.ERROR
    assert isinstance(msg.data, aiohttp.ServerTimeoutError)
    assert "No PONG received" in str(msg.data)
    assert ws.close_code == 1006
    assert 0.25 <= waited < 2.5, f"gave up after {waited:.2f} s: a ping after 0.2 s, no pong for 0.1 s"
    await served.settled()  # the server notices the client has gone


async def test_silent_never_answers_a_close_so_ws_close_times_out(served):
    async with served.ws_connect("/ws/echo?silent=1", timeout=aiohttp.ClientWSTimeout(ws_close=0.3)) as ws:
        started = time.monotonic()
        assert await ws.close() is True
        waited = time.monotonic() - started
    assert ws.close_code == 1006
    assert isinstance(ws.exception(), TimeoutError)
    assert 0.3 <= waited < 2.3, f"close() gave up after {waited:.2f} s"
    await served.settled()


async def test_a_silent_server_gives_up_on_a_client_that_stays(serve):
    """After the client's close, the silent echo waits at most max_duration for the client to go, then drops it."""
    served = await serve(Limits(max_duration=0.3))
    async with served.ws_connect("/ws/echo?silent=1", timeout=aiohttp.ClientWSTimeout(ws_close=BOUND)) as ws:
        started = time.monotonic()
        await ws.close()
        waited = time.monotonic() - started
    assert 0.3 <= waited < 3, f"the server dropped the connection after {waited:.2f} s"
    await served.settled()


# --- the message-size limit ---------------------------------------------------------------------------


def text_of(size: int) -> str:
    """A text of `size` bytes in UTF-8 that is only half as many characters: 'é' is two bytes."""
    return "\u00e9" * (size // 2) + "x" * (size % 2)


OVERSIZED = [
    pytest.param("send_bytes", b"x" * (LIMIT + 1), id="binary-one-byte-over"),
    pytest.param("send_bytes", os.urandom(LIMIT + 1), id="random-binary-one-byte-over"),
    pytest.param("send_bytes", b"x" * (4 * LIMIT), id="binary-four-times"),
    pytest.param("send_str", "x" * (LIMIT + 1), id="text-one-byte-over"),
    pytest.param("send_str", text_of(LIMIT + 2), id="text-over-in-bytes-under-in-characters"),
]


@pytest.mark.parametrize(("send", "payload"), OVERSIZED)
@pytest.mark.parametrize("compress", [15, 0], ids=["deflate", "uncompressed"])
@pytest.mark.parametrize("path", ["/ws/echo", "/ws/room/big"])
async def test_a_message_over_the_limit_closes_with_1009(served, path, send, payload, compress):
    async with served.ws_connect(path, compress=compress) as ws:
        if path.startswith("/ws/room"):
            assert (await ws.receive_json(timeout=BOUND))["event"] == "welcome"
        await getattr(ws, send)(payload)
        msg = await ws.receive(timeout=BOUND)
    assert (msg.type, msg.data) == (WSMsgType.CLOSE, 1009)
    assert ws.close_code == 1009
    await served.settled()
    await served.still_answers()


async def test_the_limit_comes_from_limits(serve):
    served = await serve(Limits(max_ws_message=10))
    async with served.ws_connect("/ws/echo") as ws:
        await ws.send_str("0123456789")
        assert await ws.receive_str(timeout=BOUND) == "0123456789"
        await ws.send_str("0123456789!")
        msg = await ws.receive(timeout=BOUND)
    assert (msg.type, msg.data) == (WSMsgType.CLOSE, 1009)


# --- /ws/room/{room} ----------------------------------------------------------------------------------


async def join(
    served: Served, room: str, name: str | None = None, **kwargs
) -> tuple[aiohttp.ClientWebSocketResponse, dict]:
    """Connect to the room and read the welcome (after which the member gets everything the room says)."""
    query = "" if name is None else f"?name={name}"
    ws = await served.ws_connect(f"/ws/room/{room}{query}", **kwargs)
    welcome = await ws.receive_json(timeout=BOUND)
    assert welcome["event"] == "welcome", welcome
    return ws, welcome


def notice(event: str, name: str, members: list[str], room: str = "lobby") -> dict:
    return {"event": event, "members": members, "name": name, "room": room}


async def nothing_more(ws: aiohttp.ClientWebSocketResponse, wait: float = 0.2) -> None:
    with pytest.raises(TimeoutError):
        msg = await ws.receive(timeout=wait)
        pytest.fail(f"unexpected message {msg}")


async def test_two_members_hear_each_other_never_themselves(served):
    alice, welcome = await join(served, "lobby", "alice")
    assert welcome == notice("welcome", "alice", ["alice"])
    bob, welcome = await join(served, "lobby", "bob")
    assert welcome == notice("welcome", "bob", ["alice", "bob"])
    assert await alice.receive_json(timeout=BOUND) == notice("join", "bob", ["alice", "bob"])

    await bob.send_str("hi alice")
    assert await alice.receive_str(timeout=BOUND) == "hi alice"
    await alice.send_bytes(b"\x00hi bob")
    assert await bob.receive_bytes(timeout=BOUND) == b"\x00hi bob"
    await alice.send_json({"to": "bob"})
    assert await bob.receive_json(timeout=BOUND) == {"to": "bob"}
    await nothing_more(alice)

    await bob.close()
    assert await alice.receive_json(timeout=BOUND) == notice("leave", "bob", ["alice"])
    await alice.close()
    await served.settled()


async def test_three_members_each_message_reaches_the_two_others(served):
    members = {}
    for name in ["ann", "ben", "cat"]:
        members[name], _ = await join(served, "lobby", name)
    assert await members["ann"].receive_json(timeout=BOUND) == notice("join", "ben", ["ann", "ben"])
    assert await members["ann"].receive_json(timeout=BOUND) == notice("join", "cat", ["ann", "ben", "cat"])
    assert await members["ben"].receive_json(timeout=BOUND) == notice("join", "cat", ["ann", "ben", "cat"])

    for name, ws in members.items():
        await ws.send_str(f"from {name}")
    for name, ws in members.items():
        heard = sorted([await ws.receive_str(timeout=BOUND) for _ in range(2)])
        assert heard == sorted(f"from {other}" for other in members if other != name)
    for ws in members.values():
        await nothing_more(ws, 0.1)
    for ws in members.values():
        await ws.close()
    await served.settled()


async def test_one_members_messages_arrive_in_order(served):
    alice, _ = await join(served, "lobby", "alice")
    bob, _ = await join(served, "lobby", "bob")
    await alice.receive_json(timeout=BOUND)  # bob's join
    for i in range(100):
        await alice.send_str(str(i))
    assert [await bob.receive_str(timeout=BOUND) for _ in range(100)] == [str(i) for i in range(100)]
    await alice.close()
    await bob.close()


async def test_rooms_are_separate(served):
    alice, _ = await join(served, "red", "alice")
    bob, welcome = await join(served, "blue", "alice")  # the same name in another room is fine
    assert welcome == notice("welcome", "alice", ["alice"], room="blue")
    await alice.send_str("red only")
    await nothing_more(bob)
    await alice.close()
    await bob.close()


@pytest.mark.parametrize(
    ("leave", "how"),
    [
        pytest.param(lambda ws: ws.close(), "close", id="close"),
        pytest.param(lambda ws: ws.close(code=4001, message=b"bye"), "close", id="close-with-a-code"),
        pytest.param(lambda ws: _abandon(ws), "gone", id="connection-dropped"),
    ],
)
async def test_the_others_hear_when_a_member_leaves(served, leave, how):
    alice, _ = await join(served, "lobby", "alice")
    bob, _ = await join(served, "lobby", "bob")
    cat, _ = await join(served, "lobby", "cat")
    for _ in range(2):
        await alice.receive_json(timeout=BOUND)
    await bob.receive_json(timeout=BOUND)
    await leave(bob)
    assert await alice.receive_json(timeout=BOUND) == notice("leave", "bob", ["alice", "cat"])
    assert await cat.receive_json(timeout=BOUND) == notice("leave", "bob", ["alice", "cat"])
    await alice.close()
    assert await cat.receive_json(timeout=BOUND) == notice("leave", "alice", ["cat"])
    await cat.close()
    await served.settled()


async def test_a_members_close_is_answered_with_1000(served):
    alice, _ = await join(served, "lobby", "alice")
    assert await alice.close(code=4001, message=b"bye") is True
    assert alice.close_code == 1000, "the room does not echo close codes (the echo does)"


async def _abandon(ws: aiohttp.ClientWebSocketResponse) -> None:
    """End the connection without a close frame, as a client whose process died would."""
    ws.get_extra_info("socket").shutdown(socket.SHUT_RDWR)


async def test_members_without_a_name_are_guests_numbered_in_order(served):
    first, welcome = await join(served, "lobby")
    assert welcome == notice("welcome", "guest-1", ["guest-1"])
    taken, _ = await join(served, "lobby", "guest-2")
    second, welcome = await join(served, "lobby")
    assert welcome["name"] == "guest-3", "guest-2 is taken"
    for ws in (first, taken, second):
        await ws.close()


async def test_a_room_goes_with_its_last_member_and_can_be_used_again(served):
    alice, _ = await join(served, "lobby", "alice")
    assert served.app[ROOMS].get("lobby") is not None
    await alice.close()
    await served.settled()
    assert served.app[ROOMS].get("lobby") is None
    again, welcome = await join(served, "lobby")
    assert welcome == notice("welcome", "guest-1", ["guest-1"]), "a new room, counting from 1"
    await again.close()


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param("/ws/room/" + "r" * 65, "the room name must be 1 to 64", id="room-too-long"),
        pytest.param("/ws/room/a%20b", "the room name must be", id="room-with-space"),
        pytest.param("/ws/room/%C3%A9", "the room name must be", id="room-not-ascii"),
        pytest.param("/ws/room/a?name=" + "n" * 33, "name must be 1 to 32", id="name-too-long"),
        pytest.param("/ws/room/a?name=", "name must be 1 to 32", id="name-empty"),
        pytest.param("/ws/room/a?name=a/b", "name must be", id="name-with-slash"),
    ],
)
@pytest.mark.parametrize("upgrade", [False, True], ids=["plain-get", "handshake"])
async def test_bad_room_or_member_names_are_a_json_400(served, path, fragment, upgrade):
    headers = {**UPGRADE, **KEY} if upgrade else {}
    async with served.get(path, headers=headers) as resp:
        await assert_json_error(resp, 400, fragment)


async def refused(served: Served, path: str) -> dict:
    """The answer to a handshake the room refuses: a JSON 409, and ws_connect raising with its status."""
    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        await served.ws_connect(path)
    assert caught.value.status == 409
    async with served.get(path, headers={**UPGRADE, **KEY}) as resp:
        return await assert_json_error(resp, 409, "")


async def test_a_name_already_in_the_room_is_refused(served):
    alice, _ = await join(served, "lobby", "alice")
    body = await refused(served, "/ws/room/lobby?name=alice")
    assert body["error"] == "the name 'alice' is taken in room 'lobby'"
    await alice.close()
    await served.settled()
    again, _ = await join(served, "lobby", "alice")  # free again once alice has left
    await again.close()


async def test_a_full_room_is_refused_until_a_member_leaves(serve):
    served = await serve(Limits(max_ws_room_members=2))
    alice, _ = await join(served, "lobby", "alice")
    bob, _ = await join(served, "lobby", "bob")
    body = await refused(served, "/ws/room/lobby?name=cat")
    assert body["error"] == "room 'lobby' is full: 2 members"
    other, _ = await join(served, "elsewhere", "cat")
    await bob.close()
    assert (await alice.receive_json(timeout=BOUND))["event"] == "join"
    assert (await alice.receive_json(timeout=BOUND))["event"] == "leave"
    cat, _ = await join(served, "lobby", "cat")
    for ws in (alice, other, cat):
        await ws.close()


async def test_too_many_rooms_is_refused_until_one_goes(serve):
    served = await serve(Limits(max_ws_rooms=2))
    red, _ = await join(served, "red")
    blue, _ = await join(served, "blue")
    body = await refused(served, "/ws/room/green")
    assert body["error"] == "the server has 2 rooms, its limit: join one of them"
    more, _ = await join(served, "red")  # an existing room is still open to join
    await blue.close()
    async with asyncio.timeout(BOUND):
        while served.app[ROOMS].get("blue") is not None:
            await asyncio.sleep(0.01)
    green, _ = await join(served, "green")
    for ws in (red, more, green):
        await ws.close()
    await served.settled()


def test_rooms_keep_a_place_for_a_handshake_under_way():
    """The place is taken before the handshake (the refusal is still an HTTP answer) and listed after it."""
    rooms = Rooms(max_rooms=1, max_members=2, send_timeout=1)
    first = rooms.reserve("lobby", "a", None)
    assert rooms.get("lobby").names_in() == [], "not in until its handshake is done"
    rooms.reserve("lobby", None, None)
    with pytest.raises(web.HTTPConflict):
        rooms.reserve("lobby", "c", None)
    with pytest.raises(web.HTTPConflict):
        rooms.reserve("other", "c", None)
    asyncio.run(rooms.leave(first))
    assert rooms.reserve("lobby", "a", None).name == "a"


# --- stopping the server --------------------------------------------------------------------------------


async def test_stopping_the_server_closes_every_socket_with_1001_at_once(serve):
    served = await serve()
    echo = await served.ws_connect("/ws/echo")
    silent = await served.ws_connect("/ws/echo?silent=1")
    member, _ = await join(served, "lobby", "alice")
    other, _ = await join(served, "lobby", "bob")
    started = time.monotonic()
    await served.runner.cleanup()
    took = time.monotonic() - started
    assert took < 3, f"stopping took {took:.2f} s"
    for ws in (echo, silent, member):
        msg = await ws.receive(timeout=BOUND)
        if msg.type is WSMsgType.TEXT:  # bob's join, or his leave
            msg = await ws.receive(timeout=BOUND)
        assert (msg.type, msg.data, msg.extra) == (WSMsgType.CLOSE, 1001, "the server is shutting down"), msg
    for ws in (echo, silent, member, other):
        await ws.close()


# --- abuse: frames written by hand ---------------------------------------------------------------------


def frame(
    opcode: int, payload: bytes = b"", *, fin: bool = True, rsv: int = 0, mask: bool = True, length=None
) -> bytes:
    """One frame as a client sends it (RFC 6455, 5.2): masked unless `mask=False`; `length` may lie."""
    length = len(payload) if length is None else length
    head = bytes([(0x80 if fin else 0) | rsv << 4 | opcode])
    bit = 0x80 if mask else 0
    if length < 126:
        head += bytes([bit | length])
    elif length < 65536:
        head += bytes([bit | 126]) + struct.pack("!H", length)
    else:
        head += bytes([bit | 127]) + struct.pack("!Q", length)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(byte ^ key[i % 4] for i, byte in enumerate(payload))


def close_payload(code: int, reason: bytes = b"") -> bytes:
    return struct.pack("!H", code) + reason


@contextlib.asynccontextmanager
async def raw_socket(served: Served, path: str, *, handshake: bool = True):
    """A TCP connection to the server; with `handshake`, the WebSocket handshake done (no compression offered)."""
    async with asyncio.timeout(BOUND):
        reader, writer = await asyncio.open_connection(HOST, served.port)
    try:
        if handshake:
            key = base64.b64encode(os.urandom(16)).decode()
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
            )
            async with asyncio.timeout(BOUND):
                head = await reader.readuntil(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 101 "), head
        yield reader, writer
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def read_frames(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter | None = None
) -> list[tuple[int, bytes]]:
    """Every frame the server sends until it closes the connection (its frames are never masked). With `writer`,
    a close from the server is answered, as a client does (else the server waits ws_close_timeout for it)."""
    frames = []
    async with asyncio.timeout(BOUND):
        while True:
            try:
                first, second = await reader.readexactly(2)
            except (asyncio.IncompleteReadError, ConnectionResetError):
                return frames
            length = second & 0x7F
            if length == 126:
                (length,) = struct.unpack("!H", await reader.readexactly(2))
            elif length == 127:
                (length,) = struct.unpack("!Q", await reader.readexactly(8))
            frames.append((first & 0x0F, await reader.readexactly(length)))
            if writer is not None and frames[-1][0] == OP_CLOSE:
                writer.write(frame(OP_CLOSE, frames[-1][1][:2]))


def close_code_of(frames: list[tuple[int, bytes]]) -> int:
    [(opcode, payload)] = [item for item in frames if item[0] == OP_CLOSE]
    return struct.unpack("!H", payload[:2])[0]


BAD_FRAMES = [
    pytest.param(frame(0x3, b"x"), 1002, id="reserved-data-opcode-3"),
    pytest.param(frame(0xB, b"x"), 1002, id="reserved-control-opcode-11"),
    pytest.param(frame(OP_TEXT, b"x", rsv=0b010), 1002, id="rsv2-set"),
    pytest.param(frame(OP_TEXT, b"x", rsv=0b100), 1002, id="rsv1-without-deflate"),
    pytest.param(frame(OP_PING, b"x", fin=False), 1002, id="fragmented-ping"),
    pytest.param(frame(OP_PING, b"x" * 126), 1002, id="ping-over-125-bytes"),
    pytest.param(frame(OP_CONTINUATION, b"x"), 1002, id="continuation-without-a-start"),
    pytest.param(
        frame(OP_TEXT, b"a", fin=False) + frame(OP_TEXT, b"b"), 1002, id="new-message-inside-a-fragmented-one"
    ),
    pytest.param(frame(OP_CLOSE, b"\x03"), 1002, id="close-with-one-byte"),
    pytest.param(frame(OP_CLOSE, close_payload(999)), 1002, id="close-code-999"),
    pytest.param(frame(OP_CLOSE, close_payload(1005)), 1002, id="close-code-1005"),
    pytest.param(frame(OP_TEXT, b"\xff\xfe"), 1007, id="text-not-utf-8"),
    pytest.param(frame(OP_TEXT, b"\xed\xa0\x80"), 1007, id="text-a-surrogate"),
    pytest.param(
        frame(OP_TEXT, b"\xc3", fin=False) + frame(OP_CONTINUATION, b"("), 1007, id="utf-8-broken-across-frames"
    ),
    pytest.param(frame(OP_CLOSE, close_payload(1000, b"\xff")), 1007, id="close-reason-not-utf-8"),
    pytest.param(frame(OP_BINARY, b"x" * (LIMIT + 1)), 1009, id="one-byte-over-the-limit"),
    pytest.param(frame(OP_BINARY, length=2 * LIMIT), 1009, id="length-far-over-the-limit-nothing-sent"),
    pytest.param(frame(OP_BINARY, length=2**63 - 1), 1009, id="length-2-63"),
    pytest.param(frame(OP_BINARY, b"x" * LIMIT, fin=False) + frame(OP_CONTINUATION, b"x"), 1009, id="fragments-add-up"),
]


@pytest.mark.parametrize(("data", "code"), BAD_FRAMES)
@pytest.mark.parametrize("path", ["/ws/echo", "/ws/echo?silent=1", "/ws/room/lobby?name=mallory"])
async def test_a_frame_that_breaks_the_protocol_closes_with_its_code(served, path, data, code):
    async with raw_socket(served, path) as (reader, writer):
        writer.write(data)
        frames = await read_frames(reader, writer)
    assert close_code_of(frames) == code, frames
    await served.settled()
    await served.still_answers()


async def test_the_others_hear_that_a_member_broke_the_protocol(served):
    alice, _ = await join(served, "lobby", "alice")
    async with raw_socket(served, "/ws/room/lobby?name=mallory") as (reader, writer):
        writer.write(frame(0x3, b"x"))
        assert close_code_of(await read_frames(reader)) == 1002
    assert await alice.receive_json(timeout=BOUND) == notice("join", "mallory", ["alice", "mallory"])
    assert await alice.receive_json(timeout=BOUND) == notice("leave", "mallory", ["alice"])
    await alice.close()


async def test_an_unmasked_client_frame_is_still_echoed(served):
    """RFC 6455 (5.1) says a server must close on a frame a client did not mask; aiohttp 3.14 reads it anyway."""
    async with raw_socket(served, "/ws/echo") as (reader, writer):
        writer.write(frame(OP_TEXT, b"unmasked", mask=False) + frame(OP_CLOSE, close_payload(1000), mask=False))
        frames = await read_frames(reader)
    assert frames == [(OP_TEXT, b"unmasked"), (OP_CLOSE, close_payload(1000))]


async def test_a_fragmented_message_is_echoed_whole(served):
    async with raw_socket(served, "/ws/echo") as (reader, writer):
        writer.write(frame(OP_TEXT, b"frag", fin=False) + frame(OP_PING, b"p") + frame(OP_CONTINUATION, b"mented"))
        writer.write(frame(OP_CLOSE, close_payload(4001, b"bye")))
        frames = await read_frames(reader)
    assert frames == [(OP_PONG, b"p"), (OP_TEXT, b"fragmented"), (OP_CLOSE, close_payload(4001, b"bye"))]


@pytest.mark.parametrize("path", ["/ws/echo?close_after=0", "/ws/echo?close_after_messages=0", "/ws/room/r"])
async def test_a_client_that_never_answers_the_servers_close_is_dropped(serve, path):
    served = await serve(Limits(ws_close_timeout=0.3))
    async with raw_socket(served, path) as (reader, writer):
        if path.startswith("/ws/room"):
            writer.write(frame(OP_BINARY, b"x" * (LIMIT + 1)))  # the server closes with 1009
        started = time.monotonic()
        frames = await read_frames(reader)  # and waits for the reply that never comes
        waited = time.monotonic() - started
    assert close_code_of(frames) in {1000, 1009}
    assert 0.25 <= waited < 2.3, f"dropped after {waited:.2f} s"
    await served.settled()


async def test_an_empty_close_is_answered_with_1000(served):
    async with raw_socket(served, "/ws/echo") as (reader, writer):
        writer.write(frame(OP_CLOSE))
        assert await read_frames(reader) == [(OP_CLOSE, close_payload(1000))]


def abort(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP reset rather than a FIN: SO_LINGER of zero."""
    writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


CUT_OFF = [
    pytest.param(b"", [], id="right-after-the-handshake"),
    pytest.param(frame(OP_TEXT, b"hello")[:1], [], id="in-the-frame-header"),
    pytest.param(frame(OP_TEXT, b"x" * 300)[:3], [], id="in-the-extended-length"),
    pytest.param(frame(OP_TEXT, b"hello")[:4], [], id="in-the-mask"),
    pytest.param(frame(OP_BINARY, b"x" * 1000)[:500], [], id="in-the-payload"),
    pytest.param(frame(OP_TEXT, b"frag", fin=False), [], id="between-fragments"),
    pytest.param(frame(OP_TEXT, b"hello") + frame(OP_TEXT, b"again")[:3], ["hello"], id="after-a-whole-message"),
    pytest.param(frame(OP_CLOSE, close_payload(1000))[:3], [], id="in-a-close-frame"),
]
"""What a client sends before it goes, and the whole messages in it (which a room passes on)."""


@pytest.mark.parametrize("end", ["close", "reset"])
@pytest.mark.parametrize(("data", "whole"), CUT_OFF)
@pytest.mark.parametrize(
    "path", ["/ws/echo", "/ws/echo?silent=1", "/ws/echo?close_after=0.1", "/ws/echo?heartbeat=0.05", "/ws/room/r"]
)
async def test_a_client_gone_mid_message_breaks_nothing(served, path, data, whole, end):
    async with raw_socket(served, path) as (_, writer):
        writer.write(data)
        await writer.drain()
        if end == "reset":
            abort(writer)
    await served.settled()
    await served.still_answers()


@pytest.mark.parametrize("end", ["close", "reset"])
@pytest.mark.parametrize(("data", "whole"), CUT_OFF)
async def test_a_member_gone_mid_message_is_heard_leaving(served, data, whole, end):
    alice, _ = await join(served, "lobby", "alice")
    async with raw_socket(served, "/ws/room/lobby?name=gone") as (_, writer):
        writer.write(data)
        await writer.drain()
        if end == "reset":
            abort(writer)
    assert await alice.receive_json(timeout=BOUND) == notice("join", "gone", ["alice", "gone"])
    assert [await alice.receive_str(timeout=BOUND) for _ in whole] == whole
    assert await alice.receive_json(timeout=BOUND) == notice("leave", "gone", ["alice"])
    await alice.close()
    await served.settled()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"GET /ws/echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n", id="in-the-headers"),
        pytest.param(
            b"GET /ws/room/r HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 13\r\n\r\n",
            id="before-reading-the-101",
        ),
    ],
)
@pytest.mark.parametrize("end", ["close", "reset"])
async def test_a_client_gone_during_the_handshake_breaks_nothing(served, data, end):
    async with raw_socket(served, "", handshake=False) as (_, writer):
        writer.write(data)
        await writer.drain()
        if end == "reset":
            abort(writer)
    await served.settled()
    await served.still_answers()


async def test_a_member_gone_while_messages_are_sent_to_it(served):
    alice, _ = await join(served, "lobby", "alice")
    async with raw_socket(served, "/ws/room/lobby?name=gone") as (_, writer):
        assert await alice.receive_json(timeout=BOUND) == notice("join", "gone", ["alice", "gone"])
        for _ in range(20):
            await alice.send_bytes(b"x" * 10_000)
        abort(writer)
        for _ in range(20):
            await alice.send_bytes(b"x" * 10_000)
    assert await alice.receive_json(timeout=BOUND) == notice("leave", "gone", ["alice"])
    await alice.close()
    await served.settled()


random_frames = st.builds(
    frame,
    opcode=st.sampled_from([OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG, 0x3, 0xB]),
    payload=st.one_of(st.binary(max_size=130), st.text(max_size=40).map(str.encode)),
    fin=st.booleans(),
    rsv=st.sampled_from([0, 0, 0, 1, 2, 4]),
    mask=st.booleans(),
)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # one server for every example, on purpose
)
@given(
    path=st.sampled_from(["/ws/echo", "/ws/echo?silent=1", "/ws/echo?close_after=0.05", "/ws/room/fuzz"]),
    pieces=st.lists(st.one_of(random_frames, st.binary(min_size=1, max_size=20)), max_size=5),
    end=st.sampled_from(["read", "close", "reset"]),
)
async def test_any_frames_after_the_handshake_break_nothing(served, caplog, path, pieces, end):
    """Random frames (bad opcodes, set reserved bits, unmasked, fragments) and random bytes, then the client
    reads a little, goes or resets: the server logs nothing, ends the handler, and answers the next client."""
    caplog.clear()
    async with raw_socket(served, path) as (reader, writer):
        writer.write(b"".join(pieces))
        if end == "read":
            with contextlib.suppress(TimeoutError, ConnectionError):
                async with asyncio.timeout(0.05):
                    await read_frames(reader, writer)
        elif end == "reset":
            abort(writer)
    await served.settled()
    assert not [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    await served.still_answers()


async def test_a_member_that_never_reads_is_dropped_and_blocks_no_one(serve):
    served = await serve(Limits(ws_send_timeout=0.2))
    alice, _ = await join(served, "lobby", "alice", compress=0)
    bob, _ = await join(served, "lobby", "bob", compress=0)
    await alice.receive_json(timeout=BOUND)  # bob's join
    async with raw_socket(served, "/ws/room/lobby?name=slowpoke") as (_, writer):
        for ws in (alice, bob):
            assert (await ws.receive_json(timeout=BOUND))["name"] == "slowpoke"
        chunk = b"x" * LIMIT
        sent = heard_by_bob = 0
        started = time.monotonic()
        while sent < 2000:  # 125 MiB at most; the socket buffers fill long before
            await alice.send_bytes(chunk)
            sent += 1
            msg = await bob.receive(timeout=BOUND)
            if msg.type is WSMsgType.BINARY:
                heard_by_bob += 1
                continue
            assert msg.type is WSMsgType.TEXT
            assert json.loads(msg.data) == notice("leave", "slowpoke", ["alice", "bob"])
            break
        else:
            pytest.fail("slowpoke, who reads nothing, was never dropped")
        took = time.monotonic() - started
    assert heard_by_bob == sent - 1, "one message to bob for each alice sent, and the last still on its way"
    assert await bob.receive_bytes(timeout=BOUND) == chunk
    assert took < BOUND
    assert await alice.receive_json(timeout=BOUND) == notice("leave", "slowpoke", ["alice", "bob"])
    await alice.send_str("after")
    assert await bob.receive_str(timeout=BOUND) == "after"
    await alice.close()
    await bob.close()
    await served.settled()


async def test_many_members_come_and_go_and_no_room_is_left(serve):
    served = await serve(Limits(max_ws_rooms=5, max_ws_room_members=5))

    async def visit(room: str) -> None:
        for _ in range(3):
            with contextlib.suppress(aiohttp.WSServerHandshakeError):  # a full room or too many rooms: 409
                ws, _ = await join(served, room)
                await ws.send_str("hello")
                await ws.close()

    await asyncio.gather(*(visit(f"room-{i % 7}") for i in range(30)))
    await served.settled()
    assert len(served.app[ROOMS]) == 0
    await served.still_answers()
