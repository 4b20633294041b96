"""The DNS server of lesson 13 (`local_server.dns_server`): what it answers, what it counts, its lifetime.

Table-driven: each case is a query as a resolver would send it (dnslib's client, over UDP to 127.0.0.1) and the
reply expected: the response code, the A records in the answer, the SOA record in the authority section. A
fresh server per test, so that counts never leak from one test into the next. The abuse tests (packets that are
not DNS, floods, what it sends and where it listens) are in tests/test_abuse_dns.py.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import aiohttp
import pytest
from aiohttp.resolver import AsyncResolver
from dnslib import CLASS, OPCODE, QTYPE, RCODE, DNSHeader, DNSQuestion, DNSRecord

from local_server import LocalDNSServer, start_dns_server, stop_dns_server
from local_server.dns_server import ADDRESS, TTL, QueryCounts

REPLY_TIMEOUT = 2.0
"""Seconds to wait for a reply on loopback: generous for a loaded machine."""
NO_REPLY_WAIT = 0.3
"""Seconds to wait before concluding that no reply will come."""


@pytest.fixture
def dns() -> Iterator[LocalDNSServer]:
    with LocalDNSServer() as server:
        yield server


def ask(dns: LocalDNSServer, name: str, qtype: str = "A", qclass: str = "IN") -> DNSRecord:
    """Send one query the way a resolver does and parse the reply."""
    query = DNSRecord.question(name, qtype, qclass)
    reply = DNSRecord.parse(query.send(dns.host, dns.port, timeout=REPLY_TIMEOUT))
    assert reply.header.id == query.header.id, "the reply does not carry the query's id"
    return reply


def send_raw(dns: LocalDNSServer, packet: bytes, wait: float = REPLY_TIMEOUT) -> bytes | None:
    """Send a packet from a fresh UDP socket; the reply's bytes, or None when none came within `wait` seconds."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(wait)
        sock.sendto(packet, (dns.host, dns.port))
        try:
            return sock.recv(65535)
        except TimeoutError:
            return None


def addresses(reply: DNSRecord) -> list[str]:
    return [str(rr.rdata) for rr in reply.rr if rr.rtype == QTYPE.A]


def authority_types(reply: DNSRecord) -> list[str]:
    return [QTYPE[rr.rtype] for rr in reply.auth]


# (name asked, type, response code, A records in the answer, SOA in the authority section)
ANSWERS = [
    ("echo.test", "A", "NOERROR", [ADDRESS], False),
    ("ECHO.TeSt", "A", "NOERROR", [ADDRESS], False),
    ("a.b.c.test", "A", "NOERROR", [ADDRESS], False),
    ("echo.test.", "A", "NOERROR", [ADDRESS], False),
    ("echo.test", "ANY", "NOERROR", [ADDRESS], False),
    ("echo.test", "AAAA", "NOERROR", [], True),
    ("echo.test", "MX", "NOERROR", [], True),
    ("echo.test", "TXT", "NOERROR", [], True),
    ("echo.test", "CNAME", "NOERROR", [], True),
    ("echo.test", "SOA", "NOERROR", [], True),
    ("echo.test", "HTTPS", "NOERROR", [], True),
    ("test", "A", "NOERROR", [], True),  # the zone itself: it exists, and has no address
    ("TEST", "AAAA", "NOERROR", [], True),
    ("xtest", "A", "NXDOMAIN", [], False),  # ends in the same letters, is not under .test
    ("echo.xtest", "A", "NXDOMAIN", [], False),
    ("test.example", "A", "NXDOMAIN", [], False),
    ("echo.test.example", "A", "NXDOMAIN", [], False),
    ("example.com", "A", "NXDOMAIN", [], False),
    ("localhost", "A", "NXDOMAIN", [], False),  # the system's resolver answers it from /etc/hosts
    ("unknown.example", "AAAA", "NXDOMAIN", [], False),
    ("tests", "A", "NXDOMAIN", [], False),
]


@pytest.mark.parametrize(("name", "qtype", "rcode", "expected", "with_soa"), ANSWERS)
def test_answers(dns, name, qtype, rcode, expected, with_soa):
    reply = ask(dns, name, qtype)
    assert RCODE[reply.header.rcode] == rcode
    assert addresses(reply) == expected
    assert authority_types(reply) == (["SOA"] if with_soa else [])


def test_the_zone_has_an_soa_record(dns):
    reply = ask(dns, "test", "SOA")
    assert [QTYPE[rr.rtype] for rr in reply.rr] == ["SOA"]
    assert str(reply.rr[0].rname) == "test."
    assert reply.rr[0].rdata.times[-1] == TTL, "the SOA's minimum (how long to remember 'no records') is the TTL"


def test_the_reply_echoes_the_question_as_asked(dns):
    """Resolvers that randomise the letter case of a query (DNS 0x20) expect it back unchanged."""
    reply = ask(dns, "EcHo.TeSt")
    assert str(reply.q.qname) == "EcHo.TeSt."
    assert str(reply.rr[0].rname) == "EcHo.TeSt."


def test_the_reply_is_authoritative_and_offers_no_recursion(dns):
    reply = ask(dns, "echo.test")
    assert (reply.header.qr, reply.header.aa, reply.header.ra, reply.header.tc) == (1, 1, 0, 0)


def test_the_answer_carries_the_stated_ttl(dns):
    assert [rr.ttl for rr in ask(dns, "echo.test").rr] == [TTL]
    assert TTL == 60


def test_a_server_with_another_ttl():
    with LocalDNSServer(ttl=0) as uncached:
        assert [rr.ttl for rr in ask(uncached, "echo.test").rr] == [0]
        assert [rr.ttl for rr in ask(uncached, "echo.test", "AAAA").auth] == [0]
        assert "TTL 0 s" in repr(uncached)


# (what the packet is, how it is made from a query for echo.test, the response code, or None for no reply)
def _query(**header) -> DNSRecord:
    return DNSRecord(DNSHeader(**header), q=DNSQuestion("echo.test"))


NOT_PLAIN_QUERIES = [
    ("a reply (QR=1)", lambda: _query(qr=1), None),
    ("opcode STATUS", lambda: _query(opcode=OPCODE.STATUS), "NOTIMP"),
    ("opcode NOTIFY", lambda: _query(opcode=OPCODE.NOTIFY), "NOTIMP"),
    ("opcode UPDATE", lambda: _query(opcode=OPCODE.UPDATE), "NOTIMP"),
    ("no question", lambda: DNSRecord(DNSHeader()), "FORMERR"),
    (
        "two questions",
        lambda: DNSRecord(DNSHeader(), questions=[DNSQuestion("a.test"), DNSQuestion("b.test")]),
        "FORMERR",
    ),
    ("class CHAOS", lambda: DNSRecord(DNSHeader(), q=DNSQuestion("echo.test", QTYPE.A, CLASS.CH)), "REFUSED"),
    ("class ANY (255)", lambda: DNSRecord(DNSHeader(), q=DNSQuestion("echo.test", QTYPE.A, 255)), "REFUSED"),
    ("TC and a stray rcode set", lambda: _query(tc=1, rcode=RCODE.SERVFAIL), "NOERROR"),
]


@pytest.mark.parametrize(("what", "make", "rcode"), NOT_PLAIN_QUERIES, ids=[case[0] for case in NOT_PLAIN_QUERIES])
def test_packets_that_are_not_plain_queries(dns, what, make, rcode):
    packet = make()
    raw = send_raw(dns, packet.pack(), wait=NO_REPLY_WAIT if rcode is None else REPLY_TIMEOUT)
    if rcode is None:
        assert raw is None, "a reply sent to the server got a reply"
        assert dns.counts().total == 0
        return
    reply = DNSRecord.parse(raw)
    assert reply.header.id == packet.header.id
    assert RCODE[reply.header.rcode] == rcode
    assert (reply.header.qr, reply.header.tc) == (1, 0)
    assert dns.counts().total == 1


def test_counts_by_name_and_type(dns):
    for name, qtype in [("echo.test", "A"), ("ECHO.test", "A"), ("echo.test", "AAAA"), ("nx.example", "A")]:
        ask(dns, name, qtype)
    counts = dns.counts()
    assert counts.by_query == {("echo.test", "A"): 2, ("echo.test", "AAAA"): 1, ("nx.example", "A"): 1}
    assert counts.total == dns.total == 4
    assert counts.of("Echo.Test") == {"A": 2, "AAAA": 1}
    assert counts.of("other.test") == {}
    assert counts.malformed == 0


def test_counts_are_a_snapshot_and_can_be_subtracted(dns):
    ask(dns, "echo.test")
    before = dns.counts()
    ask(dns, "echo.test")
    ask(dns, "shop.test", "AAAA")
    assert before.total == 1, "a snapshot changed after it was taken"
    assert dns.counts() - before == QueryCounts({("echo.test", "A"): 1, ("shop.test", "AAAA"): 1}, 2, 0)


def test_reset_counts(dns):
    ask(dns, "echo.test")
    dns.reset_counts()
    assert dns.counts() == QueryCounts({}, 0, 0)
    ask(dns, "echo.test", "MX")
    assert dns.counts().by_query == {("echo.test", "MX"): 1}


def test_the_count_is_there_when_the_reply_arrives(dns):
    """The notebook reads the counts right after a lookup: the server counts before it replies."""
    for expected in range(1, 21):
        ask(dns, "echo.test")
        assert dns.total == expected


def test_nameserver_and_port(dns):
    assert dns.host == "127.0.0.1"
    assert dns.nameserver == f"127.0.0.1:{dns.port}"
    assert 0 < dns.port < 65536


def test_stop_ends_the_thread_and_closes_the_socket():
    server = LocalDNSServer().start()
    assert server.running
    udp_socket = server._udp.socket
    server.stop()
    assert not server.running
    assert udp_socket.fileno() == -1, "the UDP socket is still open after stop()"
    server.stop()  # a second stop does nothing


def test_a_server_never_started_can_be_stopped():
    server = LocalDNSServer()
    assert not server.running
    server.stop()
    assert server._udp.socket.fileno() == -1


def test_start_dns_server_reuses_the_running_one():
    stop_dns_server()
    try:
        first = start_dns_server()
        assert start_dns_server() is first, "re-running the notebook's cell started a second server"
        stop_dns_server()
        assert not first.running
        second = start_dns_server()
        assert second is not first and second.running
    finally:
        stop_dns_server()


async def test_aiohttp_resolves_through_it(dns):
    """What lesson 13 does: AsyncResolver(nameservers=["127.0.0.1:PORT"]) asks this server."""
    resolver = AsyncResolver(nameservers=[dns.nameserver])
    try:
        found = await resolver.resolve("echo.test", 8080, family=socket.AF_UNSPEC)
        assert [(entry["host"], entry["port"], entry["family"]) for entry in found] == [(ADDRESS, 8080, socket.AF_INET)]
        with pytest.raises(OSError, match="Domain name not found"):
            await resolver.resolve("unknown.example", 8080)
    finally:
        await resolver.close()
    assert dns.counts().of("echo.test") == {"A": 1, "AAAA": 1}, "c-ares asks for both types, once each"


async def test_a_failed_lookup_is_a_client_connector_dns_error(dns):
    connector = aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[dns.nameserver]))
    async with aiohttp.ClientSession(connector=connector) as session:
        with pytest.raises(aiohttp.ClientConnectorDNSError, match="Domain name not found"):
            await session.get("http://unknown.example:9/")
