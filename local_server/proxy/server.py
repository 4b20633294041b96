"""The forward proxy: plain HTTP forwarded from an absolute URL, https through CONNECT tunnels, loopback only.

One `asyncio.start_server` handler reads each client's request head and answers it in this order:

1. a head it cannot read: 400 (431 when over the size limits, 408 when it never comes);
2. a target it cannot read (not ``http://host/path``, nor ``CONNECT host:port``): 400;
3. credentials missing or wrong, when the proxy has some: 407 with ``Proxy-Authenticate: Basic``;
4. a host that `judge_target` refuses (anything but loopback): 403, before any connection or lookup;
5. then it connects to the address the verdict gives (502 when nothing answers there, 504 when it hangs),
   and forwards the request (absolute form rewritten to origin form, ``Via`` added, Proxy-Authorization
   removed) or, for CONNECT, answers 200 and copies bytes both ways until a side closes or the tunnel idles.

Every answer is logged in `ForwardProxy.log` before it is sent. Each client connection carries one request
(the proxy answers ``Connection: close``); at most `ProxyLimits.max_connections` are served at once.
aiohttp.web cannot be used here: it answers CONNECT itself, with 404, before any handler runs.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hmac
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from ..limits import ProxyLimits
from .http1 import (
    NO_BODY,
    Framing,
    Head,
    HeadError,
    body_framing,
    check_request_line,
    copy_body,
    encode_head,
    error_answer,
    read_head,
    status_of,
)
from .log import ProxyLog, ProxyLogEntry
from .targets import Target, TargetError, judge_target, parse_absolute_target, parse_connect_target

log = logging.getLogger("local_server.proxy")

HOST = "127.0.0.1"
REALM = "aiohttp course proxy"
VIA = "1.1 course-proxy"
LINGER_SECONDS = 1.0
"""After an error answer, how long the proxy reads (and drops) what the client still sends before closing:
closing a socket with unread bytes resets the connection, and the client could lose the answer."""
LINGER_BYTES = 256 * 1024

StreamPair = tuple[asyncio.StreamReader, asyncio.StreamWriter]
Connect = Callable[[str, int], Awaitable[StreamPair]]
"""How the proxy opens its connection to a target: ``await connect(address, port)``."""


class NotLoopback(ConnectionRefusedError):
    """Raised by `open_loopback_connection` for an address off this machine (a second line of defence)."""


async def open_loopback_connection(address: str, port: int) -> StreamPair:
    """Connect to a loopback address, given as an IP address: no name lookup, and nothing off this machine."""
    if not ipaddress.ip_address(address).is_loopback:
        raise NotLoopback(f"{address} is not a loopback address")
    return await asyncio.open_connection(address, port, flags=socket.AI_NUMERICHOST)


def judge_credentials(values: list[str], expected: tuple[str, str] | None) -> tuple[str, str | None]:
    """What came in Proxy-Authorization, for the log: ("none" | "right" | "wrong" | "ignored", the login sent)."""
    if not values:
        return "none", None
    given = _basic_credentials(values[0]) if len(values) == 1 else None
    user = None
    if given is not None:
        login_bytes = given.partition(b":")[0]
        try:
            user = login_bytes.decode("utf-8")
        except UnicodeDecodeError:
            user = login_bytes.decode("latin-1")
    if expected is None:
        return "ignored", user
    if given is None:
        return "wrong", user
    pair = ":".join(expected)
    candidates = [pair.encode("utf-8")]  # encode_basic_auth() writes UTF-8;
    with contextlib.suppress(UnicodeEncodeError):
        candidates.append(pair.encode("latin-1"))  # credentials in a proxy URL go as latin-1
    right = any(hmac.compare_digest(given, candidate) for candidate in candidates)
    return ("right" if right else "wrong"), user


def _basic_credentials(value: str) -> bytes | None:
    """The decoded ``login:password`` bytes of a Basic credentials value, or None when it is not one."""
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(token.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return decoded if b":" in decoded else None


@dataclass(frozen=True)
class _Exchange:
    """A request to forward as plain HTTP, with what the proxy found out about it."""

    head: Head
    target: Target
    framing: Framing
    credentials: str
    user: str | None
    connected_to: str


class _Refused(Exception):
    """An answer the proxy gives instead of forwarding: status, decision for the log, reason, extra headers."""

    def __init__(self, status: int, decision: str, reason: str, headers: list[tuple[str, str]] | None = None):
        super().__init__(reason)
        self.status, self.decision, self.reason, self.headers = status, decision, reason, headers or []


class ForwardProxy:
    """A forward proxy on 127.0.0.1 that forwards to loopback targets only.

    ``credentials=("user", "secret")`` makes it require them (Basic, in Proxy-Authorization). `connect`
    replaces how it opens connections to targets (the tests pass one that records the attempt and fails).
    """

    def __init__(
        self,
        credentials: tuple[str, str] | None = None,
        limits: ProxyLimits | None = None,
        connect: Connect | None = None,
    ) -> None:
        self.credentials = credentials
        self.limits = limits or ProxyLimits()
        self.log = ProxyLog(self.limits.max_log_entries)
        self._connect = connect or open_loopback_connection
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task] = set()
        self.port = 0

    @property
    def open_connections(self) -> int:
        return len(self._handlers)

    async def start(self, port: int = 0) -> int:
        """Listen on 127.0.0.1:port (0: a free one); return the port."""
        self._server = await asyncio.start_server(self._serve_client, HOST, port, limit=self.limits.max_head_bytes + 2)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def close(self) -> None:
        """Stop listening, and end every connection still open (tunnels included)."""
        if self._server is not None:
            self._server.close()
        handlers = list(self._handlers)
        for task in handlers:
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
        for _ in range(3):  # closed transports close their sockets on a later turn of the loop
            await asyncio.sleep(0)

    async def _serve_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        busy = len(self._handlers) >= self.limits.max_connections
        self._handlers.add(task)
        try:
            if busy:
                reason = f"the proxy already serves {self.limits.max_connections} connections, its limit"
                self.log.add(ProxyLogEntry("", "", "none", 503, "busy", reason))
                await _answer_and_close(reader, writer, error_answer(503, reason, [("Retry-After", "1")]))
                return
            await self._serve_request(reader, writer)
        except Exception:  # the safety net: a bug must not take the proxy down; the tests keep it unused
            log.exception("the proxy failed on a request")
        finally:
            self._handlers.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _serve_request(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        method, target_text, credentials, user = "", "", "none", None
        try:
            try:
                async with asyncio.timeout(self.limits.head_timeout):
                    head = await read_head(reader, self.limits.max_head_bytes, self.limits.max_headers)
            except TimeoutError:
                seconds = f"{self.limits.head_timeout:g}"
                raise _Refused(408, "timed out", f"no complete request head came within {seconds} s") from None
            if head is None:
                return  # the client connected and left without a word
            method, target_text = check_request_line(head)
            credentials, user = judge_credentials(head.values("proxy-authorization"), self.credentials)
            target = self._parse_target(method, target_text)
            framing = NO_BODY if method == "CONNECT" else body_framing(head, request=True)
            if self.credentials is not None and credentials != "right":
                reason = (
                    "this proxy needs credentials: put them in the proxy URL (http://user:password@host:port)"
                    if credentials == "none"
                    else "the credentials in Proxy-Authorization are not the ones this proxy accepts"
                )
                raise _Refused(407, "needs credentials", reason, [("Proxy-Authenticate", f'Basic realm="{REALM}"')])
            verdict = judge_target(target.host)
            if not verdict.allowed:
                raise _Refused(403, "refused", verdict.reason)
            assert verdict.address is not None
            upstream = await self._open(verdict.address, target.port)
        except HeadError as exc:
            decision = "too large" if exc.status == 431 else "malformed"
            await self._refuse(reader, writer, _Refused(exc.status, decision, exc.message), method, target_text)
            return
        except _Refused as refusal:
            await self._refuse(reader, writer, refusal, method, target_text, credentials, user)
            return
        connected_to = Target(verdict.address, target.port).authority
        up_reader, up_writer = upstream
        try:
            if method == "CONNECT":
                await self._tunnel(reader, writer, up_reader, up_writer, target_text, credentials, user, connected_to)
            else:
                exchange = _Exchange(head, target, framing, credentials, user, connected_to)
                await self._forward(reader, writer, up_reader, up_writer, exchange)
        finally:
            up_writer.close()
            with contextlib.suppress(Exception):
                await up_writer.wait_closed()

    def _parse_target(self, method: str, target_text: str) -> Target:
        try:
            if method == "CONNECT":
                return parse_connect_target(target_text)
            if target_text.startswith("/") or target_text == "*":
                raise TargetError(
                    f"{target_text!r} is a path: a proxy is asked for a whole URL (GET http://host/path), "
                    "or for a tunnel with CONNECT host:port"
                )
            return parse_absolute_target(target_text)
        except TargetError as exc:
            raise _Refused(400, "malformed", str(exc)) from None

    async def _open(self, address: str, port: int) -> StreamPair:
        where = Target(address, port).authority
        try:
            async with asyncio.timeout(self.limits.connect_timeout):
                return await self._connect(address, port)
        except TimeoutError:
            seconds = f"{self.limits.connect_timeout:g}"
            raise _Refused(
                504, "target unreachable", f"{where} did not accept a connection within {seconds} s"
            ) from None
        except OSError as exc:
            raise _Refused(502, "target unreachable", f"nothing accepted a connection at {where} ({exc})") from None

    async def _refuse(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        refusal: _Refused,
        method: str,
        target: str,
        credentials: str = "none",
        user: str | None = None,
    ) -> None:
        self.log.add(ProxyLogEntry(method, target, credentials, refusal.status, refusal.decision, refusal.reason, user))
        await _answer_and_close(reader, writer, error_answer(refusal.status, refusal.reason, refusal.headers))

    async def _tunnel(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        up_reader: asyncio.StreamReader,
        up_writer: asyncio.StreamWriter,
        target: str,
        credentials: str,
        user: str | None,
        connected_to: str,
    ) -> None:
        entry = self.log.add(ProxyLogEntry("CONNECT", target, credentials, 200, "tunnelled", "", user, connected_to))
        try:
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            entry.ended = await _relay_both_ways(reader, writer, up_reader, up_writer, self.limits.idle_timeout)
        except asyncio.CancelledError:
            entry.ended = "the proxy stopped"
            raise
        except OSError:
            entry.ended = "the client went away"

    async def _forward(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        up_reader: asyncio.StreamReader,
        up_writer: asyncio.StreamWriter,
        exchange: _Exchange,
    ) -> None:
        head, target = exchange.head, exchange.target
        method, target_text, _ = head.first
        idle = self.limits.idle_timeout
        headers = [("Host", target.authority), *head.forwarded_headers("host", "expect"), ("Via", VIA)]
        try:
            if head.values("expect"):  # answered here, so that the body comes before the target's answer is read
                writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            up_writer.write(encode_head(f"{method} {target.path_qs} HTTP/1.1", [*headers, ("Connection", "close")]))
            await copy_body(reader, up_writer, exchange.framing, idle)
            status, response = await self._read_response(up_reader, exchange.connected_to)
        except _Refused as refusal:
            await self._refuse(reader, writer, refusal, method, target_text, exchange.credentials, exchange.user)
            return
        except (OSError, EOFError, TimeoutError):  # the client's body stopped coming, or a side left
            return
        self.log.add(
            ProxyLogEntry(
                method, target_text, exchange.credentials, status, "forwarded", "", exchange.user, exchange.connected_to
            )
        )
        try:
            body = NO_BODY if method == "HEAD" or status in (204, 304) else body_framing(response, request=False)
        except HeadError:
            body = Framing(None)  # an answer whose length is unclear: copied until the target closes
        _, _, reason = response.first
        fields = [*response.forwarded_headers(), ("Via", VIA), ("Connection", "close")]
        with contextlib.suppress(OSError, EOFError, TimeoutError):
            writer.write(encode_head(f"HTTP/1.1 {status} {reason}", fields))
            await copy_body(up_reader, writer, body, idle)
            await writer.drain()

    async def _read_response(self, up_reader: asyncio.StreamReader, where: str) -> tuple[int, Head]:
        """The target's answer head (after any 100 Continue), as a status and a Head; 502/504 when there is none."""
        idle = self.limits.idle_timeout
        while True:
            try:
                async with asyncio.timeout(idle):
                    response = await read_head(up_reader, self.limits.max_head_bytes, self.limits.max_headers)
                if response is None:
                    raise HeadError(502, f"{where} closed the connection without an answer")
                status = status_of(response)
            except TimeoutError:
                raise _Refused(504, "target silent", f"{where} sent no answer within {idle:g} s") from None
            except HeadError as exc:
                raise _Refused(502, "bad answer", f"{where} did not answer in HTTP/1.x: {exc.message}") from None
            if not 100 <= status < 200 or status == 101:
                return status, response


async def _relay_both_ways(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    up_reader: asyncio.StreamReader,
    up_writer: asyncio.StreamWriter,
    idle_timeout: float,
) -> str:
    """Copy bytes both ways until one side closes or nothing moves for `idle_timeout` s; say how it ended."""
    loop = asyncio.get_running_loop()
    last_activity = loop.time()

    async def pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter, source_name: str, sink_name: str) -> str:
        nonlocal last_activity
        while True:
            try:
                data = await source.read(64 * 1024)
            except OSError:
                return f"{source_name} reset the connection"
            if not data:
                return f"{source_name} closed the connection"
            last_activity = loop.time()
            try:
                sink.write(data)
                await sink.drain()
            except OSError:
                return f"{sink_name} went away"

    pumps = {
        asyncio.create_task(pump(reader, up_writer, "the client", "the target")),
        asyncio.create_task(pump(up_reader, writer, "the target", "the client")),
    }
    try:
        while True:
            remaining = last_activity + idle_timeout - loop.time()
            if remaining <= 0:
                return f"idle for {idle_timeout:g} s"
            done, _ = await asyncio.wait(pumps, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
            if done:
                return done.pop().result()
    finally:
        for task in pumps:
            task.cancel()
        await asyncio.gather(*pumps, return_exceptions=True)


async def _answer_and_close(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, answer: bytes) -> None:
    """Send an answer, then read and drop what the client still sends for a moment before the socket closes."""
    try:
        writer.write(answer)
        await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
        async with asyncio.timeout(LINGER_SECONDS):
            dropped = 0
            while dropped < LINGER_BYTES:
                data = await reader.read(64 * 1024)
                if not data:
                    break
                dropped += len(data)
    except (OSError, TimeoutError):
        pass
