"""A DNS server on 127.0.0.1 for lesson 13: every name under ``.test`` is 127.0.0.1, and it forwards nothing.

Lesson 13 points aiohttp's `AsyncResolver` at it, ``AsyncResolver(nameservers=[dns.nameserver])``, and reads
how many queries reached it, to show aiohttp's DNS cache at work. dnslib does the DNS wire format (parsing
queries, packing replies); this module decides the answers and counts the queries.

What it answers, decided in one place (`reply_to`):

- a name under ``.test`` (``echo.test``, ``a.b.test``; letter case does not matter, as in all of DNS):
  type A → ``127.0.0.1``, with a TTL of `TTL` seconds; ANY → that same A record; AAAA, MX, TXT and every
  other type → no records (NOERROR with an empty answer: the name exists, it has no record of that type),
  with the zone's SOA record, which tells a resolver to remember that for `TTL` seconds too (RFC 2308; c-ares
  goes by the answer's records alone, finds none, and keeps such an answer for its cache's limit, an hour);
- ``test`` itself is the zone: it exists, has its SOA record and no address (NOERROR, no records for A);
- every other name → NXDOMAIN ("no such name"): ``xtest`` (it only ends in the same letters),
  ``example.com``, and ``localhost`` too: the system's resolver answers ``localhost`` from ``/etc/hosts``
  (and c-ares, under aiodns, does so even without it) before it asks any server.

It never forwards a query: the resolver has no upstream server to ask, and answering does no I/O at all.
Only queries (QR=0, opcode QUERY, class IN, one question) get an answer; a reply sent to it is ignored (so
two servers can never bounce packets between them), another opcode gets NOTIMP, another class REFUSED.
Packets that do not parse (random bytes, a truncated header, a bad label, a pointer chain) are dropped
and counted as malformed: nothing a client sends stops the server.

One thread answers every query in turn (the answers need no I/O, so there is nothing to wait for in
parallel); it is a daemon thread, so the server ends with the process, and `stop()` also closes the UDP
socket (dnslib's own ``DNSServer.stop()`` leaves it open).
"""

from __future__ import annotations

import atexit
import socketserver
import threading
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType

from dnslib import CLASS, OPCODE, QTYPE, RCODE, RR, SOA, A, DNSHeader, DNSRecord
from dnslib.server import BaseResolver, DNSHandler, DNSLogger, DNSServer

HOST = "127.0.0.1"
ZONE = b"test"
"""The names it answers for: ``*.test``. `.test` is reserved for testing (RFC 2606): no real site has one."""
ADDRESS = "127.0.0.1"
"""Where every name under ``.test`` leads: the local echo server's address."""
TTL = 60
"""Seconds a resolver may keep an answer (the record's TTL). aiohttp's own cache goes by `ttl_dns_cache` instead."""
MAX_COUNTED_QUERIES = 1000
"""Distinct (name, type) pairs counted one by one; the queries for further pairs count in `total` only."""
POLL_INTERVAL = 0.05
"""How often the serving thread looks whether `stop()` was called (seconds): `stop()` waits at most that."""


def reply_to(request: DNSRecord, ttl: int = TTL) -> DNSRecord | None:
    """The reply to a parsed packet, or None when it gets none (it is itself a reply)."""
    if request.header.qr:
        return None
    # Authoritative for .test (aa), no recursion offered (ra=0: it asks nobody); the flags a query may carry
    # by mistake (tc, a stray rcode) are not echoed back, as `DNSRecord.reply()` would.
    header = DNSHeader(id=request.header.id, qr=1, aa=1, ra=0, rd=request.header.rd, opcode=request.header.opcode)
    reply = DNSRecord(header, q=request.q if request.questions else None)
    if request.header.opcode != OPCODE.QUERY:
        reply.header.rcode = RCODE.NOTIMP
        return reply
    if len(request.questions) != 1:
        reply.header.rcode = RCODE.FORMERR
        return reply
    question = request.q
    labels = question.qname.label
    if question.qclass != CLASS.IN:
        reply.header.rcode = RCODE.REFUSED
    elif not labels or labels[-1].lower() != ZONE:
        reply.header.rcode = RCODE.NXDOMAIN  # no SOA: not our zone, and nobody should cache our word for it
    elif len(labels) > 1 and question.qtype in (QTYPE.A, QTYPE.ANY):
        reply.add_answer(RR(question.qname, QTYPE.A, rdata=A(ADDRESS), ttl=ttl))
    elif len(labels) == 1 and question.qtype in (QTYPE.SOA, QTYPE.ANY):
        reply.add_answer(_zone_soa(ttl))
    else:  # the name exists, without a record of that type ("NODATA"): the SOA says how long to remember that
        reply.add_auth(_zone_soa(ttl))
    return reply


def _zone_soa(ttl: int) -> RR:
    """The zone's SOA record; its last field (and its TTL) is how long a resolver may remember a "no records"."""
    times = (1, 3600, 600, 86400, ttl)  # serial, refresh, retry, expire, minimum (RFC 1035 §3.3.13, RFC 2308)
    return RR("test.", QTYPE.SOA, rdata=SOA("ns.test.", "hostmaster.test.", times), ttl=ttl)


def query_key(request: DNSRecord) -> tuple[str, str]:
    """(name, type) of a query: the name in lower case without the final dot, the type as DNS names it."""
    if not request.questions:
        return "", "(no question)"
    question = request.q
    return str(question.qname).rstrip(".").lower(), QTYPE[question.qtype]


@dataclass(frozen=True)
class QueryCounts:
    """The queries a server answered, as counted at one moment: ``by_query[("echo.test", "A")]`` is how many."""

    by_query: dict[tuple[str, str], int]
    total: int
    malformed: int = 0
    """Packets dropped because they did not parse as DNS."""

    def of(self, name: str) -> dict[str, int]:
        """The queries for one name, by type: ``{"A": 1, "AAAA": 1}``."""
        return {qtype: n for (queried, qtype), n in self.by_query.items() if queried == name.lower()}

    def __sub__(self, earlier: QueryCounts) -> QueryCounts:
        """What arrived between two snapshots: ``after - before``."""
        diff = Counter(self.by_query)
        diff.subtract(earlier.by_query)
        return QueryCounts(
            {key: n for key, n in sorted(diff.items()) if n > 0},
            self.total - earlier.total,
            self.malformed - earlier.malformed,
        )


@dataclass
class _QueryLog:
    """The counts, written by the serving thread and read by any other."""

    by_query: Counter[tuple[str, str]] = field(default_factory=Counter)
    total: int = 0
    malformed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answered(self, key: tuple[str, str]) -> None:
        with self.lock:
            self.total += 1
            if key in self.by_query or len(self.by_query) < MAX_COUNTED_QUERIES:
                self.by_query[key] += 1

    def dropped(self) -> None:
        with self.lock:
            self.malformed += 1

    def snapshot(self) -> QueryCounts:
        with self.lock:
            return QueryCounts(dict(sorted(self.by_query.items())), self.total, self.malformed)

    def reset(self) -> None:
        with self.lock:
            self.by_query.clear()
            self.total = self.malformed = 0


class TestZoneResolver(BaseResolver):
    """dnslib's resolver interface over `reply_to`: it answers from its own rule and has no upstream server."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self, ttl: int = TTL) -> None:
        self.ttl = ttl

    def resolve(self, request: DNSRecord, handler: DNSHandler) -> DNSRecord | None:
        return reply_to(request, self.ttl)


class _CountingHandler(DNSHandler):
    """One UDP packet: parse it, answer it, count it; drop (and count) what does not parse or pack."""

    def handle(self) -> None:
        data, sock = self.request
        server: _UDPServer = self.server  # type: ignore[assignment]
        try:
            request = DNSRecord.parse(data)
            reply = server.resolver.resolve(request, self)
            if reply is None:
                return
            packed = reply.pack()
            key = query_key(request)
        except Exception:  # anything a packet can make dnslib raise (DNSError, RecursionError on a long chain…)
            server.log.dropped()
            return
        server.log.answered(key)  # before the reply leaves: whoever reads the counts after it has arrived sees it
        sock.sendto(packed, self.client_address)


class _UDPServer(socketserver.UDPServer):
    """A UDP server answering in its own thread, one packet after another; no SO_REUSEADDR (no shared port)."""

    allow_reuse_address = False
    resolver: TestZoneResolver
    log: _QueryLog

    def handle_error(self, request, client_address) -> None:
        """Never print a traceback from the server thread (into a notebook cell's output): count it instead."""
        self.log.dropped()


class LocalDNSServer:
    """A DNS server for ``*.test`` on a free UDP port of 127.0.0.1 (see the module's docstring).

    ``with LocalDNSServer() as dns:`` runs one for a block (a check's own, with its own counts);
    `start_dns_server()` starts the notebook's one, or returns it when it is already running.
    """

    def __init__(self, port: int = 0, ttl: int = TTL) -> None:
        self.ttl = ttl
        self._log = _QueryLog()
        self._dns = DNSServer(
            TestZoneResolver(ttl), address=HOST, port=port, logger=_SILENT, handler=_CountingHandler, server=_UDPServer
        )
        self._udp: _UDPServer = self._dns.server
        self._udp.log = self._log
        self._thread: threading.Thread | None = None
        self.host, self.port = self._udp.server_address[:2]

    @property
    def nameserver(self) -> str:
        """``"127.0.0.1:PORT"``: what ``AsyncResolver(nameservers=[...])`` takes."""
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> LocalDNSServer:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._udp.serve_forever, args=(POLL_INTERVAL,), name="local-dns-server", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop answering, end the thread and close the UDP socket."""
        if self.running:
            self._udp.shutdown()
            self._thread.join(timeout=10)
        self._udp.server_close()

    def counts(self) -> QueryCounts:
        """The queries answered so far (a snapshot: later queries do not change it)."""
        return self._log.snapshot()

    @property
    def total(self) -> int:
        """How many queries it has answered."""
        return self._log.snapshot().total

    def reset_counts(self) -> None:
        self._log.reset()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<LocalDNSServer {self.nameserver} ({state}), *.test -> {ADDRESS}, TTL {self.ttl} s>"

    def __enter__(self) -> LocalDNSServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


_SILENT = DNSLogger(log="-request,-reply,-truncated,-error")
"""dnslib's logger prints every query by default; this one prints nothing."""

_current: LocalDNSServer | None = None
_lock = threading.Lock()


def start_dns_server(port: int = 0) -> LocalDNSServer:
    """Start the DNS server for ``*.test`` in a background thread, or return the one already running.

    In a notebook: ``dns = start_dns_server()``, then ``AsyncResolver(nameservers=[dns.nameserver])``.
    It starts in about a millisecond (a socket and a thread), so there is nothing to await. ``port`` only
    applies to a new server (call `stop_dns_server()` first to change it).
    """
    global _current
    with _lock:
        if _current is None or not _current.running:
            _current = LocalDNSServer(port).start()
        return _current


def stop_dns_server() -> None:
    """Stop the running DNS server, if there is one."""
    global _current
    with _lock:
        if _current is not None:
            _current.stop()
            _current = None


atexit.register(stop_dns_server)

__all__ = ["LocalDNSServer", "QueryCounts", "TestZoneResolver", "reply_to", "start_dns_server", "stop_dns_server"]
