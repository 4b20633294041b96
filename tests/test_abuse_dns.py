"""The DNS server of lesson 13 under abuse: packets that are not DNS, floods; what it sends, and where it listens.

Every packet is sent by a raw UDP socket to 127.0.0.1. After each kind of abuse the server must still answer a
good query, count what it dropped, and print nothing (a traceback from its thread would land in a notebook cell).
"Never forwards" is proven where the decision is made: while the server answers queries for names in and out of
its zone, every socket call and every dnslib client call made on its thread is recorded; the only one allowed is
the reply, sent back to the address the query came from.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import dnslib
import pytest
from dnslib import QTYPE, RCODE, DNSRecord
from dnslib.intercept import InterceptResolver
from dnslib.proxy import ProxyResolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from local_server import LocalDNSServer
from local_server.dns_server import ADDRESS, TTL, TestZoneResolver

REPLY_TIMEOUT = 2.0
NO_REPLY_WAIT = 0.2
HEADER = struct.Struct("!HHHHHH")  # id, flags, questions, answers, authority, additional
QUESTION = b"\x04echo\x04test\x00" + struct.pack("!HH", QTYPE.A, 1)


@pytest.fixture(scope="module")
def dns() -> Iterator[LocalDNSServer]:
    with LocalDNSServer() as server:
        yield server


@pytest.fixture
def fresh_dns() -> Iterator[LocalDNSServer]:
    with LocalDNSServer() as server:
        yield server


def send(dns: LocalDNSServer, packet: bytes, wait: float = NO_REPLY_WAIT) -> bytes | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(wait)
        sock.sendto(packet, (dns.host, dns.port))
        try:
            return sock.recv(65535)
        except TimeoutError:
            return None


def assert_still_answers(dns: LocalDNSServer, tries: int = 1) -> None:
    """A good query gets its answer; `tries` > 1 asks again after a timeout, as resolvers do (UDP may drop it)."""
    for attempt in range(1, tries + 1):
        try:
            raw = DNSRecord.question("still.test").send(dns.host, dns.port, timeout=REPLY_TIMEOUT)
            break
        except TimeoutError:
            if attempt == tries:
                raise
    assert [str(rr.rdata) for rr in DNSRecord.parse(raw).rr] == [ADDRESS], "the server stopped answering good queries"


def header(questions: int = 1, answers: int = 0, authority: int = 0, additional: int = 0, flags: int = 0) -> bytes:
    return HEADER.pack(0x1234, flags, questions, answers, authority, additional)


def pointer_chain(length: int) -> bytes:
    """A query whose answer section holds a chain of `length` compression pointers, each one 2 bytes back.

    Pointers may only point backwards, so a loop is impossible; a long chain is not, and dnslib follows each
    pointer by recursion. The chain sits in the raw data of a record of an unknown type (bytes nobody decodes),
    and a second record's name points at its last link.
    """
    start = HEADER.size + len(QUESTION) + 2 + 10  # after the first record's name (a pointer) and fixed fields
    links = [struct.pack("!H", 0xC000 | HEADER.size)]  # the first link points at the question's name
    links += [struct.pack("!H", 0xC000 | (start + 2 * i)) for i in range(length - 1)]
    rdata = b"".join(links)
    first = struct.pack("!HHHIH", 0xC000 | HEADER.size, 65280, 1, 0, len(rdata)) + rdata
    second = struct.pack("!HHHIH", 0xC000 | (start + 2 * (length - 1)), QTYPE.A, 1, 0, 0)
    return header(answers=2) + QUESTION + first + second


# (what it is, the packet): none of these is a query the server can answer
MALFORMED = [
    ("empty", b""),
    ("one byte", b"\x00"),
    ("11 bytes of header", header()[:11]),
    ("a header claiming a question it lacks", header()),
    ("a header claiming 65535 of everything", HEADER.pack(1, 0, 65535, 65535, 65535, 65535)),
    ("a name cut short", header() + b"\x04ech"),
    ("a name without its end", header() + b"\x04echo\x04test"),
    ("no type and class", header() + b"\x04echo\x04test\x00"),
    ("half a type", header() + b"\x04echo\x04test\x00\x00"),
    ("a label of 100 bytes (length byte 0x64)", header() + b"\x64" + b"a" * 100 + b"\x04test\x00\x00\x01\x00\x01"),
    ("a label of 191 bytes (length byte 0xBF)", header() + b"\xbf" + b"a" * 191 + b"\x00\x00\x01\x00\x01"),
    ("a name of 320 bytes in 63-byte labels", header() + (b"\x3f" + b"a" * 63) * 5 + b"\x04test\x00\x00\x01\x00\x01"),
    ("a label that is not UTF-8", header() + b"\x02\xff\xfe\x04test\x00\x00\x01\x00\x01"),
    ("a pointer to itself", header() + b"\xc0\x0c\x00\x01\x00\x01"),
    ("a pointer forwards", header() + b"\xc0\x20\x00\x01\x00\x01" + b"\x00" * 20),
    ("a pointer past the end", header() + b"\xc3\xff\x00\x01\x00\x01"),
    ("a chain of 3000 pointers", pointer_chain(3000)),
    (
        "a record longer than the packet",
        header(answers=1) + QUESTION + b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\xff\xff",
    ),
    ("an A record of 3 bytes", header(answers=1) + QUESTION + b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x03abc"),
    ("a name of 64 KiB, cut at 8 KiB by the server", header() + (b"\x3f" + b"a" * 63) * 1000),
]


@pytest.mark.parametrize("packet", [case[1] for case in MALFORMED], ids=[case[0] for case in MALFORMED])
def test_a_malformed_packet_is_dropped_and_the_server_carries_on(fresh_dns, packet, capfd):
    assert send(fresh_dns, packet) is None, "the server replied to a packet that does not parse"
    assert_still_answers(fresh_dns)
    counts = fresh_dns.counts()
    assert counts.malformed == 1
    assert counts.by_query == {("still.test", "A"): 1}, "a dropped packet was counted as a query"
    assert capfd.readouterr() == ("", ""), "the server printed something"


def test_the_pointer_chain_is_deep_enough_to_hit_the_recursion_limit():
    """The chain above is a real threat to dnslib's parser, not a packet it shrugs off politely."""
    with pytest.raises(RecursionError):
        DNSRecord.parse(pointer_chain(3000))


def test_a_flood_of_random_bytes(fresh_dns, capfd):
    """2000 packets at once: the system drops what overflows the socket's buffer (a good query too, maybe)."""
    rng = random.Random(13)
    packets = [rng.randbytes(rng.randrange(0, 600)) for _ in range(2000)]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for packet in packets:
            sock.sendto(packet, (fresh_dns.host, fresh_dns.port))
    assert_still_answers(fresh_dns, tries=3)
    assert fresh_dns.counts().malformed > 0
    assert capfd.readouterr() == ("", "")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(packet=st.binary(max_size=600))
def test_random_bytes_never_stop_it(dns, packet):
    send(dns, packet, wait=0.01)
    assert dns.running


@settings(max_examples=150, deadline=None)
@given(
    labels=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC-_0123456789", min_size=1, max_size=20), max_size=4),
    zone=st.sampled_from(["test", "TEST", "Test", "example", "xtest", "test-x", "local"]),
    qtype=st.sampled_from(["A", "AAAA", "MX", "TXT", "ANY", "SOA", "NS", "CNAME", "SRV", "HTTPS", "PTR"]),
)
def test_every_well_formed_query_gets_the_rule_s_answer(dns, labels, zone, qtype):
    name = ".".join([*labels, zone])
    reply = DNSRecord.parse(DNSRecord.question(name, qtype).send(dns.host, dns.port, timeout=REPLY_TIMEOUT))
    in_zone = zone.lower() == "test"
    host = in_zone and bool(labels)
    assert RCODE[reply.header.rcode] == ("NOERROR" if in_zone else "NXDOMAIN")
    expected = {("A", True): ["A"], ("ANY", True): ["A"], ("SOA", False): ["SOA"], ("ANY", False): ["SOA"]}
    answer = [QTYPE[rr.rtype] for rr in reply.rr]
    assert answer == (expected.get((qtype, host), []) if in_zone else [])
    assert all(rr.ttl == TTL for rr in [*reply.rr, *reply.auth])


def test_a_query_with_edns_is_answered(fresh_dns):
    query = DNSRecord.question("echo.test")
    query.add_ar(dnslib.EDNS0(udp_len=1232))
    reply = DNSRecord.parse(query.send(fresh_dns.host, fresh_dns.port, timeout=REPLY_TIMEOUT))
    assert [str(rr.rdata) for rr in reply.rr] == [ADDRESS]


def test_many_queries_at_once_are_all_answered(fresh_dns):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(REPLY_TIMEOUT)
        for i in range(100):
            sock.sendto(DNSRecord.question(f"host{i}.test").pack(), (fresh_dns.host, fresh_dns.port))
        replies = [DNSRecord.parse(sock.recv(65535)) for _ in range(100)]
    assert sorted(str(reply.q.qname) for reply in replies) == sorted(f"host{i}.test." for i in range(100))
    assert fresh_dns.counts().total == 100


def test_the_counts_keep_a_bounded_number_of_names(fresh_dns, monkeypatch):
    monkeypatch.setattr("local_server.dns_server.MAX_COUNTED_QUERIES", 10)
    for i in range(30):
        DNSRecord.question(f"n{i}.test").send(fresh_dns.host, fresh_dns.port, timeout=REPLY_TIMEOUT)
    DNSRecord.question("n0.test").send(fresh_dns.host, fresh_dns.port, timeout=REPLY_TIMEOUT)
    counts = fresh_dns.counts()
    assert counts.total == 31
    assert len(counts.by_query) == 10
    assert counts.by_query[("n0.test", "A")] == 2, "a name already counted stopped being counted"


# ---------------------------------------------------------------------------------------------------
# It never forwards a query.


def test_the_resolver_has_no_upstream(dns):
    resolver = dns._udp.resolver
    assert type(resolver) is TestZoneResolver
    assert not isinstance(resolver, ProxyResolver | InterceptResolver)
    assert vars(resolver) == {"ttl": TTL}, "the resolver holds something besides its TTL (an upstream address?)"


def test_answering_makes_no_network_call_but_the_reply(fresh_dns, monkeypatch):
    """Record every socket and dnslib client call made on the server's thread while it answers."""
    calls: list[tuple[str, object]] = []
    server_thread = fresh_dns._thread

    def recording(name, original):
        def wrapper(*args, **kwargs):
            if threading.current_thread() is server_thread:
                destination = args[-1] if name == "sendto" else args[1:] or kwargs
                calls.append((name, destination))
            return original(*args, **kwargs)

        return wrapper

    for name in ("sendto", "send", "sendall", "sendmsg", "connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, recording(name, getattr(socket.socket, name)))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, recording(name, getattr(socket, name)))
    monkeypatch.setattr(DNSRecord, "send", recording("DNSRecord.send", DNSRecord.send))

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
        client.settimeout(REPLY_TIMEOUT)
        client.bind(("127.0.0.1", 0))
        names = ["echo.test", "example.com", "localhost", "unknown.example", "test", "a.b.test"]
        for name in names:
            for qtype in ("A", "AAAA", "MX"):
                socket.socket.sendto(client, DNSRecord.question(name, qtype).pack(), (fresh_dns.host, fresh_dns.port))
                client.recv(65535)
        replies_to = client.getsockname()

    assert len(calls) == len(names) * 3
    assert set(calls) == {("sendto", replies_to)}, f"calls other than the replies: {set(calls)}"


# ---------------------------------------------------------------------------------------------------
# It listens on 127.0.0.1 only.


def udp_sockets_on(port: int) -> list[str]:
    """The local addresses of the UDP sockets bound to `port`, from Linux's /proc/net/udp and udp6."""
    found = []
    for table, family in (("udp", socket.AF_INET), ("udp6", socket.AF_INET6)):
        path = Path("/proc/net") / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            address_hex, port_hex = line.split()[1].split(":")
            if int(port_hex, 16) == port:
                raw = bytes.fromhex(address_hex)  # 32-bit words in host (little-endian) order
                packed = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                found.append(socket.inet_ntop(family, packed))
    return found


@pytest.mark.skipif(not Path("/proc/net/udp").exists(), reason="reads the socket table of Linux's /proc")
def test_the_socket_is_bound_to_127_0_0_1(dns):
    assert udp_sockets_on(dns.port) == ["127.0.0.1"]


@pytest.mark.parametrize(("family", "address"), [(socket.AF_INET, "127.0.0.2"), (socket.AF_INET6, "::1")])
def test_nothing_answers_at_the_other_loopback_addresses(dns, family, address):
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((address, 0))
    except OSError:
        pytest.skip(f"this machine has no {address}")
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.settimeout(NO_REPLY_WAIT * 5)
        sock.connect((address, dns.port))
        sock.send(DNSRecord.question("echo.test").pack())
        with pytest.raises(OSError):  # refused (port unreachable), or no answer at all: a TimeoutError
            sock.recv(65535)


def test_a_datagram_of_64_kib_without_a_question_gets_formerr(fresh_dns):
    """The server reads the first 8 KiB of a datagram: here a header that asks no question, and zeros."""
    reply = DNSRecord.parse(send(fresh_dns, bytes(65000), wait=REPLY_TIMEOUT))
    assert RCODE[reply.header.rcode] == "FORMERR"
    assert_still_answers(fresh_dns)


def test_a_pointer_into_the_header_is_followed_as_dns_allows(fresh_dns):
    """A name "a" + a pointer to offset 2, where the header's flags (0x00) read as the end of the name."""
    reply = DNSRecord.parse(send(fresh_dns, header() + b"\x01a\xc0\x02\x00\x01\x00\x01", wait=REPLY_TIMEOUT))
    assert (str(reply.q.qname), RCODE[reply.header.rcode]) == ("a.", "NXDOMAIN")
