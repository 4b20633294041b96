"""Watching requests through aiohttp's tracing signals: every signal noted, per request; the phases; their chart.

``recorder = TraceRecorder()``, then ``ClientSession(trace_configs=[recorder.trace_config])``: every signal of
every request of that session is noted, with the time it came, in the request's own `RequestTrace`
(``recorder.requests``, in the order the requests started). ``trace.phases()`` turns one request's signals into
the phases a request goes through (DNS, connect, TLS, send, first byte, body), and `plot_request_phases` draws
them, one row per request. Lesson 20 shows the signals one by one before it uses these.
"""

from __future__ import annotations

import asyncio
import functools
import ssl as ssl_module
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from .plots import plot_phases

SIGNALS: tuple[str, ...] = tuple(sorted(name for name in vars(aiohttp.TraceConfig) if name.startswith("on_")))
"""Every tracing signal of the installed aiohttp, read from `aiohttp.TraceConfig` itself (its ``on_…`` properties)."""

PHASE_COLORS: dict[str, str] = {
    "queued": "lightgray",
    "DNS": "tab:purple",
    "connect": "tab:orange",
    "TLS": "tab:red",
    "send": "tab:olive",
    "first byte": "tab:blue",
    "body": "tab:green",
}
"""The phases `RequestTrace.phases` finds, in the order a request goes through them, with their chart colors."""


@dataclass(frozen=True)
class TraceEvent:
    """One signal aiohttp sent: its name (``"on_request_start"``…), when (`time.perf_counter()`), its params."""

    signal: str
    at: float
    params: Any


@dataclass(frozen=True)
class Phase:
    """One phase of a request: its name, and when it began and ended, in seconds after the request started."""

    name: str
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass
class RequestTrace:
    """Every signal of one request, in the order they came; `ctx` is the request's ``trace_request_ctx``."""

    ctx: Any
    events: list[TraceEvent] = field(default_factory=list)

    @property
    def signals(self) -> list[str]:
        """The names of the signals, in order: ``["on_request_start", "on_connection_create_start", …]``."""
        return [event.signal for event in self.events]

    @property
    def url(self) -> Any:
        """The URL the request started with (a `yarl.URL`), from ``on_request_start``."""
        return self.events[0].params.url

    def first(self, signal: str) -> TraceEvent | None:
        """The first event of `signal`, or None when aiohttp never sent it for this request."""
        return next((event for event in self.events if event.signal == signal), None)

    def last(self, signal: str) -> TraceEvent | None:
        """The last event of `signal`, or None."""
        return next((event for event in reversed(self.events) if event.signal == signal), None)

    def phases(self, tcp_connect: float | None = None) -> list[Phase]:
        """The phases of this request, each from the signal that opens it to the one that closes it.

        - ``queued``: ``on_connection_queued_start`` → ``…_end`` (the pool was full);
        - ``DNS``: ``on_dns_resolvehost_start`` → ``…_end`` (a cache hit is a lookup of no time);
        - ``connect``: from the end of DNS (or ``on_connection_create_start``) → ``on_connection_create_end``.
          For https that is the TCP connect *and* the TLS handshake: aiohttp sends no signal between them.
          Given `tcp_connect` (seconds a bare TCP connect to the same server takes: `fastest_connect`),
          the first `tcp_connect` seconds of an https request's connect are ``connect`` and the rest ``TLS``:
          an estimate, not a measurement;
        - ``send``: the connection is ready (new, or ``on_connection_reuseconn``) → the last of
          ``on_request_headers_sent`` (headers handed to the connection) and ``on_request_chunk_sent`` (body);
        - ``first byte``: → ``on_request_end``, sent once the response's status line and headers arrived;
        - ``body``: → ``on_response_chunk_received``, which only ``resp.read()`` (``text()``, ``json()``) sends,
          once, with the whole body; a body streamed with ``resp.content`` has no body phase.

        A reused connection has no ``connect`` (nor ``TLS``, nor ``DNS``). Only for a request that was not
        redirected: each hop of a redirect has phases of its own (ValueError).
        """
        if self.first("on_request_redirect") is not None:
            raise ValueError("a redirected request has phases for each hop: trace the hops one by one")
        origin = self.events[0].at
        found: list[Phase] = []

        def at(*signals: str) -> float | None:
            """When the first of `signals` (in the order given) that aiohttp sent for this request came."""
            for signal in signals:
                if (event := self.first(signal)) is not None:
                    return event.at
            return None

        def add(name: str, start: float | None, end: float | None) -> None:
            if start is not None and end is not None:
                found.append(Phase(name, start - origin, end - origin))

        add("queued", at("on_connection_queued_start"), at("on_connection_queued_end"))
        dns_end = at("on_dns_resolvehost_end", "on_dns_cache_hit")
        add("DNS", at("on_dns_resolvehost_start", "on_dns_cache_hit"), dns_end)
        created = at("on_connection_create_end")
        if created is not None:
            connect_start = dns_end if dns_end is not None else at("on_connection_create_start")
            if tcp_connect is not None and self.url.scheme == "https":
                tcp_end = min(connect_start + tcp_connect, created)
                add("connect", connect_start, tcp_end)
                add("TLS", tcp_end, created)
            else:
                add("connect", connect_start, created)
        ready = at("on_connection_create_end", "on_connection_reuseconn")
        sending = ("on_request_headers_sent", "on_request_chunk_sent")
        sent = [event.at for event in self.events if event.signal in sending]
        if sent:
            add("send", ready, sent[-1])
            add("first byte", sent[-1], at("on_request_end"))
        add("body", at("on_request_end"), at("on_response_chunk_received"))
        return found

    def durations(self, tcp_connect: float | None = None) -> dict[str, float]:
        """Seconds spent in each phase this request went through: ``{"DNS": 0.0012, "connect": …}``."""
        return {phase.name: phase.duration for phase in self.phases(tcp_connect)}


class TraceRecorder:
    """A `TraceConfig` that notes every signal of every request of the sessions it is given to.

    ``ClientSession(trace_configs=[recorder.trace_config])``. Each request gets a `RequestTrace` of its own
    (``recorder.requests``), made in its ``on_request_start`` callback and kept on the ``context`` aiohttp
    passes to every callback of that request: that context is the request's own, so requests running at the
    same time never mix their signals. Its ``trace_request_ctx`` (what ``session.get(url,
    trace_request_ctx=...)`` was given) is the trace's `ctx`.
    """

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock = clock
        self.requests: list[RequestTrace] = []
        self.trace_config = aiohttp.TraceConfig()
        for signal in SIGNALS:
            getattr(self.trace_config, signal).append(functools.partial(self._note, signal))

    async def _note(self, signal: str, session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        at = self.clock()
        if signal == "on_request_start":
            context.request_trace = RequestTrace(context.trace_request_ctx)
            self.requests.append(context.request_trace)
        context.request_trace.events.append(TraceEvent(signal, at, params))

    def fired(self) -> set[str]:
        """The names of the signals sent at least once, for any request."""
        return {event.signal for trace in self.requests for event in trace.events}

    def clear(self) -> None:
        """Forget the requests noted so far."""
        self.requests.clear()

    def __repr__(self) -> str:
        return f"TraceRecorder(requests={len(self.requests)}, signals fired={len(self.fired())} of {len(SIGNALS)})"


async def fastest_connect(
    host: str,
    port: int,
    *,
    ssl: ssl_module.SSLContext | None = None,
    server_hostname: str | None = None,
    tries: int = 5,
) -> float:
    """Seconds the fastest of `tries` bare connects to host:port took (each closed at once, nothing sent).

    A plain TCP connect by default; with `ssl` (and the `server_hostname` to check the certificate against) a TCP
    connect and its TLS handshake. The first is what an https connect costs without its handshake:
    `RequestTrace.phases` takes it as `tcp_connect`. The fastest, because a slow one says more about a busy
    machine than about the connect.
    """
    times = []
    for _ in range(tries):
        started = time.perf_counter()
        _, writer = await asyncio.open_connection(host, port, ssl=ssl, server_hostname=server_hostname)
        times.append(time.perf_counter() - started)
        writer.close()
        await writer.wait_closed()
    return min(times)


def plot_request_phases(
    traces: Mapping[str, RequestTrace], *, tcp_connect: float | None = None, zoom: float | None = None
) -> None:
    """One horizontal bar per request (its label the key), its phases in their colors, from its own start.

    ``plot_request_phases({"http, new connection": trace_a, "http, reused": trace_b})``. `tcp_connect` splits
    the connect of https requests into connect and TLS (see `RequestTrace.phases`); `zoom`, in seconds, adds a
    second panel with the first `zoom` seconds of each request, where the short phases can be seen.
    """
    rows = {label: [(p.name, p.start, p.end) for p in trace.phases(tcp_connect)] for label, trace in traces.items()}
    plot_phases(rows, colors=PHASE_COLORS, zoom=zoom)
