"""WebSockets: /ws/echo and /ws/room/{room}, for the lesson on the WebSocket client (`session.ws_connect`).

/ws/echo answers every message with the same message: text as text, binary as binary (so JSON sent with
`send_json` comes back for `receive_json`). Its query parameters make the server do one thing on purpose:

    ?close_after=0.3            the server closes 0.3 s after the handshake (0 to max_duration, 10 s)
    ?close_after_messages=3     the server closes once it has echoed 3 messages (with both: whichever is first)
    ?close_code=4001&reason=bye the code and reason of that close (default 1000 and a reason that says why);
                                a code the server may send: 1000-1003, 1007-1014 or 3000-4999
    ?heartbeat=0.2              the server pings when it has heard nothing for 0.2 s, and drops the connection
                                (1006) if no pong comes within half that (the client pongs while it reads)
    ?silent=1                   the server accepts the connection, then never answers: no echo, no pong, no
                                reply to a close (what a hung server looks like, for `heartbeat=` and
                                `ClientWSTimeout`); it drops the connection 10 s (max_duration) after a close

A close the client starts is answered with the same code and reason (so `ws.close_code` after `ws.close(code=4001)`
is 4001). /ws/room/{room}?name=alice joins a broadcast room: each text or binary message a member sends goes, as
it is, to every other member; the server's own messages are JSON notices, described in `room`.

Both endpoints take messages of up to max_ws_message bytes (64 KiB): a larger one closes the connection with code
1009 (MESSAGE_TOO_BIG). A message that breaks the protocol (a bad opcode, text that is not UTF-8) closes it with
1002 or 1007, as aiohttp's reader decides. A plain GET (no `Upgrade: websocket`) gets a JSON 426 that says to
connect with a WebSocket client; a broken handshake a JSON 400; a full room or a name already taken a JSON 409.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiohttp import WSCloseCode, WSMessage, WSMsgType, web

from ..errors import bad_request, client_error
from ..limits import LIMITS, Limits
from ..params import query_flag, query_float, query_int

ROOM_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MEMBER_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
MAX_REASON_BYTES = 123
"""A close frame holds at most 125 bytes: the 2-byte code and a reason of up to 123 bytes of UTF-8 (RFC 6455, 5.5)."""
SENDABLE_CLOSE_CODES = "1000-1003, 1007-1014 or 3000-4999"
GONE_POLL = 0.05
"""Seconds between two looks at whether a silent connection's client has gone."""


def sendable_close_code(code: int) -> bool:
    """A code a server may put in a close frame (RFC 6455, 7.4): not 1004-1006 or 1015, which are never sent."""
    return 1000 <= code <= 1003 or 1007 <= code <= 1014 or 3000 <= code <= 4999


# --- the handshake ----------------------------------------------------------------------------------


def require_upgrade(request: web.Request) -> None:
    """426 with a JSON body for a request that is not a WebSocket handshake (a plain GET, a HEAD)."""
    if request.method == "GET" and request.headers.get("Upgrade", "").strip().lower() == "websocket":
        return
    message = (
        f"{request.path} is a WebSocket endpoint: connect with a WebSocket client, "
        "session.ws_connect(url), not with a plain HTTP request"
    )
    raise client_error(web.HTTPUpgradeRequired, message, headers={"Upgrade": "websocket"})


DEFLATE_HEADROOM = 1024
"""Bytes a compressed frame may have beyond the limit: deflate makes data that does not compress a little longer."""


def new_socket(limits: Limits, **options) -> web.WebSocketResponse:
    """A WebSocketResponse with the server's limits: the message size, the wait for the client's close reply."""
    # aiohttp's reader refuses a frame of max_msg_size bytes or more, compressed or not (and a message that
    # decompresses to more). With some headroom there, `too_big` holds every message, as it comes out, to the
    # limit itself: a message over it is refused whether it came compressed or not.
    max_msg_size = limits.max_ws_message + DEFLATE_HEADROOM
    return web.WebSocketResponse(max_msg_size=max_msg_size, timeout=limits.ws_close_timeout, **options)


async def handshake(request: web.Request, ws: web.WebSocketResponse) -> bool:
    """Answer the handshake (101); a JSON 400 when it is broken. False when the client has already gone: the
    handler then returns `gone()` (the socket, half prepared, would fail as a response)."""
    try:
        await ws.prepare(request)
    except web.HTTPBadRequest as exc:  # no Connection: Upgrade, an unknown version, a bad Sec-WebSocket-Key
        raise bad_request(f"the WebSocket handshake is incomplete: {exc.text}") from None
    except ConnectionError:
        return False
    return True


def gone() -> web.Response:
    """What a handler returns for a client that left during the handshake: never sent, the connection is closed."""
    return web.Response()


OPEN_SOCKETS = web.AppKey("open websockets", set)


@contextmanager
def tracked(app: web.Application, ws: web.WebSocketResponse) -> Iterator[None]:
    """Keep `ws` in the app's set of open sockets while the handler runs, for `close_open_sockets`."""
    app[OPEN_SOCKETS].add(ws)
    try:
        yield
    finally:
        app[OPEN_SOCKETS].discard(ws)


async def close_open_sockets(app: web.Application) -> None:
    """`on_shutdown`: close every open WebSocket with 1001 (GOING_AWAY), so that stopping the server waits
    for no handler (aiohttp would wait up to its shutdown_timeout, 60 s, for each one still reading)."""
    sockets = list(app[OPEN_SOCKETS])
    await asyncio.gather(
        *(ws.close(code=WSCloseCode.GOING_AWAY, message=b"the server is shutting down") for ws in sockets),
        return_exceptions=True,
    )


def too_big(msg: WSMessage, limit: int) -> bool:
    size = len(msg.data.encode()) if msg.type is WSMsgType.TEXT else len(msg.data)
    return size > limit


async def send_as_received(ws: web.WebSocketResponse, data: str | bytes) -> None:
    """Send text as a text message, bytes as a binary message."""
    if isinstance(data, str):
        await ws.send_str(data)
    else:
        await ws.send_bytes(data)


# --- /ws/echo ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EchoOptions:
    """What the query string of /ws/echo asks the server to do (see the module's docstring)."""

    close_after: float | None = None
    close_after_messages: int | None = None
    close_code: int = WSCloseCode.OK
    reason: str | None = None
    heartbeat: float | None = None
    silent: bool = False

    @classmethod
    def from_request(cls, request: web.Request) -> EchoOptions:
        """The options, or a JSON 400 that names the parameter that is wrong."""
        limits = request.app[LIMITS]
        heartbeat_range = {"minimum": limits.min_ws_heartbeat, "maximum": limits.max_duration}
        options = cls(
            close_after=query_float(request, "close_after", None, maximum=limits.max_duration),
            close_after_messages=query_int(request, "close_after_messages", None),
            close_code=query_int(request, "close_code", WSCloseCode.OK, minimum=None),
            reason=request.query.get("reason"),
            heartbeat=query_float(request, "heartbeat", None, **heartbeat_range),
            silent=query_flag(request, "silent"),
        )
        if not sendable_close_code(options.close_code):
            raise bad_request(f"close_code must be {SENDABLE_CLOSE_CODES}, got {options.close_code}")
        if options.reason is not None and len(options.reason.encode()) > MAX_REASON_BYTES:
            size = len(options.reason.encode())
            raise bad_request(f"reason must be at most {MAX_REASON_BYTES} bytes of UTF-8, got {size}")
        if ("close_code" in request.query or "reason" in request.query) and not options.closes:
            raise bad_request("close_code and reason need close_after or close_after_messages, which say when to close")
        if options.silent and (options.closes or options.heartbeat is not None):
            raise bad_request(
                "silent=1 sends nothing: it cannot be combined with close_after, close_after_messages or heartbeat"
            )
        return options

    @property
    def closes(self) -> bool:
        return self.close_after is not None or self.close_after_messages is not None

    def reason_for(self, echoed: int) -> bytes:
        """The close reason: the one asked for, or one that says which limit was reached."""
        if self.reason is not None:
            return self.reason.encode()
        if self.close_after_messages is not None and echoed >= self.close_after_messages:
            return f"closing after {echoed} messages".encode()
        return f"closing after {self.close_after:g} s".encode()


async def echo(request: web.Request) -> web.StreamResponse:
    """WebSocket echo, text as text and binary as binary; ?close_after= ?close_code= ?heartbeat= ?silent=1 and more.

    The query parameters, the close codes and the limits are in the module's docstring.
    """
    options = EchoOptions.from_request(request)
    require_upgrade(request)
    limits = request.app[LIMITS]
    # autoclose=False: a close the client starts is answered here, with its own code; silent: no pong either.
    ws = new_socket(limits, autoclose=False, autoping=not options.silent, heartbeat=options.heartbeat)
    if not await handshake(request, ws):
        return gone()
    with tracked(request.app, ws):
        try:
            if options.silent:
                await stay_silent(request, ws, limits)
            else:
                await echo_messages(ws, options, limits)
        except ConnectionError:  # the client went away while a message was being sent to it
            pass
    return ws


async def echo_messages(ws: web.WebSocketResponse, options: EchoOptions, limits: Limits) -> None:
    loop = asyncio.get_running_loop()
    deadline = None if options.close_after is None else loop.time() + options.close_after
    echoed = 0
    while True:
        if options.close_after_messages is not None and echoed >= options.close_after_messages:
            await ws.close(code=options.close_code, message=options.reason_for(echoed))
            return
        remaining = None if deadline is None else deadline - loop.time()
        if remaining is not None and remaining <= 0:
            await ws.close(code=options.close_code, message=options.reason_for(echoed))
            return
        try:
            msg = await ws.receive(timeout=remaining)
        except TimeoutError:
            continue  # the deadline has come: closed at the top of the loop
        if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY):
            if too_big(msg, limits.max_ws_message):
                await ws.close(code=WSCloseCode.MESSAGE_TOO_BIG)
                return
            await send_as_received(ws, msg.data)
            echoed += 1
        elif msg.type is WSMsgType.CLOSE:  # the client closes: answer with its code and reason
            code = msg.data if sendable_close_code(msg.data) else WSCloseCode.OK
            await ws.close(code=code, message=(msg.extra or "").encode())
            return
        else:  # CLOSING (the server is stopping), CLOSED (the client has gone), ERROR (aiohttp has closed it)
            return


async def stay_silent(request: web.Request, ws: web.WebSocketResponse, limits: Limits) -> None:
    """Read every message and answer none (pings included: autoping is off); after the client's close, wait
    for the client to go, at most max_duration, without a reply. A message over the limit still closes it."""
    while True:
        msg = await ws.receive()
        if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY) and too_big(msg, limits.max_ws_message):
            await ws.close(code=WSCloseCode.MESSAGE_TOO_BIG)
            return
        if msg.type is WSMsgType.CLOSE:
            await wait_until_gone(request, limits.max_duration)
            return
        if msg.type in (WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
            return


async def wait_until_gone(request: web.Request, seconds: float) -> None:
    """Wait until the client has closed the connection, or `seconds` have passed."""
    loop = asyncio.get_running_loop()
    give_up_at = loop.time() + seconds
    while loop.time() < give_up_at:
        transport = request.transport
        if transport is None or transport.is_closing():
            return
        await asyncio.sleep(GONE_POLL)


# --- /ws/room/{room} --------------------------------------------------------------------------------


@dataclass(eq=False)
class Member:
    """One client in a room: `ws` is None until its handshake is done (then it receives what the room says)."""

    name: str
    room: Room
    transport: asyncio.Transport | None
    ws: web.WebSocketResponse | None = None


@dataclass(eq=False)
class Room:
    name: str
    members: dict[str, Member] = field(default_factory=dict)
    """Every member by name, in the order they came; those with a `ws` are in, the others still shaking hands."""
    guest_numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def names_in(self) -> list[str]:
        return [name for name, member in self.members.items() if member.ws is not None]

    def next_guest_name(self) -> str:
        return next(name for n in self.guest_numbers if (name := f"guest-{n}") not in self.members)


def notice(event: str, member: Member) -> str:
    """A room notice: `{"event": …, "members": [names in the room, in the order they came], "name": …, "room": …}`."""
    room = member.room
    body = {"event": event, "members": room.names_in(), "name": member.name, "room": room.name}
    return json.dumps(body, sort_keys=True)


class Rooms:
    """The server's rooms: at most `max_rooms`, of at most `max_members` each; a room goes with its last member."""

    def __init__(self, max_rooms: int, max_members: int, send_timeout: float) -> None:
        self.max_rooms = max_rooms
        self.max_members = max_members
        self.send_timeout = send_timeout
        self._rooms: dict[str, Room] = {}

    def __len__(self) -> int:
        return len(self._rooms)

    def get(self, name: str) -> Room | None:
        return self._rooms.get(name)

    def reserve(self, room_name: str, member_name: str | None, transport: asyncio.Transport | None) -> Member:
        """A place in the room, before the handshake (a refusal is still an HTTP answer): 409 when full or taken."""
        room = self._rooms.get(room_name)
        if room is None:
            if len(self._rooms) >= self.max_rooms:
                message = f"the server has {self.max_rooms} rooms, its limit: join one of them"
                raise client_error(web.HTTPConflict, message)
            room = Room(room_name)
        if len(room.members) >= self.max_members:
            raise client_error(web.HTTPConflict, f"room {room_name!r} is full: {self.max_members} members")
        if member_name is None:
            member_name = room.next_guest_name()
        elif member_name in room.members:
            raise client_error(web.HTTPConflict, f"the name {member_name!r} is taken in room {room_name!r}")
        member = room.members[member_name] = Member(member_name, room, transport)
        self._rooms[room_name] = room
        return member

    async def enter(self, member: Member, ws: web.WebSocketResponse) -> None:
        """The handshake is done: the member gets its welcome first, then everything the room says; the others
        hear that it has joined."""
        member.ws = ws  # from here on, broadcasts include it; the welcome is written before any of them
        await self._deliver(member, notice("welcome", member))
        await self.broadcast(member, notice("join", member))

    async def leave(self, member: Member) -> None:
        """Remove the member (at once, before any wait); if it was in, tell the others."""
        room = member.room
        if room.members.get(member.name) is member:
            del room.members[member.name]
        if not room.members and self._rooms.get(room.name) is room:
            del self._rooms[room.name]
        if member.ws is not None:
            await self.broadcast(member, notice("leave", member))

    async def broadcast(self, sender: Member, data: str | bytes) -> None:
        """Send `data` to every member of the sender's room but the sender, all at once."""
        others = [m for m in sender.room.members.values() if m is not sender and m.ws is not None]
        await asyncio.gather(*(self._deliver(member, data) for member in others))

    async def _deliver(self, member: Member, data: str | bytes) -> None:
        """Send to one member. One that has gone is skipped (its own handler says it has left); one that does not
        read, so that the message waits more than `send_timeout`, is dropped, and then leaves the same way."""
        assert member.ws is not None
        try:
            async with asyncio.timeout(self.send_timeout):
                await send_as_received(member.ws, data)
        except ConnectionError:
            pass
        except TimeoutError:
            if member.transport is not None:
                member.transport.abort()


ROOMS = web.AppKey("websocket rooms", Rooms)


async def room(request: web.Request) -> web.StreamResponse:
    """WebSocket room: what a member sends goes to every other member, with JSON join/leave notices; ?name=.

    The server's own messages are JSON text, `{"event", "members", "name", "room"}`, in this order:
    the new member first gets `"welcome"` (`name` is its own; `members` lists everyone in, in the order they
    came, itself last); then each other member gets `"join"`. When a member leaves (closes, or goes), the others
    get `"leave"` (`members` without it). Members' messages are passed on unchanged (text as text, binary as
    binary), never echoed to the sender; a member's close is answered with 1000. Room names: 1 to 64 letters,
    digits, '.', '_' or '-'; member names the same, up to 32. Refused with a JSON 409 before the handshake: a full
    room (max_ws_room_members), a name already in the room, a new room beyond max_ws_rooms. A member that reads
    nothing, so that a message waits on it for ws_send_timeout (5 s), is dropped (the others hear it leave).
    """
    room_name = request.match_info["room"]
    if not ROOM_NAME.match(room_name):
        raise bad_request(f"the room name must be 1 to 64 letters, digits, '.', '_' or '-', got {room_name!r}")
    member_name = request.query.get("name")
    if member_name is not None and not MEMBER_NAME.match(member_name):
        raise bad_request(f"name must be 1 to 32 letters, digits, '.', '_' or '-', got {member_name!r}")
    require_upgrade(request)
    rooms = request.app[ROOMS]
    member = rooms.reserve(room_name, member_name, request.transport)
    try:
        ws = new_socket(request.app[LIMITS])
        if not await handshake(request, ws):
            return gone()
        with tracked(request.app, ws):
            await rooms.enter(member, ws)
            await relay_messages(ws, member, rooms, request.app[LIMITS].max_ws_message)
    finally:
        await rooms.leave(member)
    return ws


async def relay_messages(ws: web.WebSocketResponse, member: Member, rooms: Rooms, limit: int) -> None:
    async for msg in ws:  # ends on a close (answered by aiohttp, autoclose), or when the client has gone
        if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
            return  # ERROR: aiohttp has closed the connection (a protocol error, a frame too big)
        if too_big(msg, limit):
            await ws.close(code=WSCloseCode.MESSAGE_TOO_BIG)
            return
        await rooms.broadcast(member, msg.data)


def set_up(app: web.Application) -> None:
    """Give `app` its rooms and its set of open sockets, closed when the server shuts down."""
    limits = app[LIMITS]
    app[ROOMS] = Rooms(limits.max_ws_rooms, limits.max_ws_room_members, limits.ws_send_timeout)
    app[OPEN_SOCKETS] = set()
    app.on_shutdown.append(close_open_sockets)
