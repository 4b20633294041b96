"""The forward proxy refuses every target off loopback, and no test can make a packet leave loopback.

Three layers, each tested:

1. The decision itself, `judge_target`, called directly with a table of hosts: loopback addresses and
   ``localhost`` are allowed, every other address, every name, and odd spellings of 127.0.0.1 are refused.
2. End to end, through a running proxy whose outbound connect is replaced by `RecordingConnect`: it notes
   each attempt and fails it, so that a wrong "allow" would show as a recorded attempt, never as traffic.
   Around it, the `loopback_only` guard patches this process's sockets: a connection, datagram or name
   lookup for anything but a loopback address is recorded and refused before it reaches the system. Each
   refusal must come with 403 and a JSON reason, no recorded attempt, no lookup and nothing blocked.
3. Controls that prove layers 2 and 3 would catch a bug: a proxy whose decision is broken on purpose
   connects (the recorder sees it), the real connect refuses an address off loopback by itself, and a
   connect that bypasses it is stopped by the guard.

"A name that resolves elsewhere": the guard answers lookups from `FAKE_DNS` (``elsewhere.test`` leads off
the machine, ``loopback.test`` to 127.0.0.1, and even ``localhost`` is made to lead elsewhere); the proxy,
which looks nothing up, refuses the first two and still connects ``localhost`` to 127.0.0.1.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import random
import socket
from dataclasses import dataclass, field

import aiohttp
import pytest
from aiohttp.abc import AbstractResolver
from yarl import URL

from local_server.proxy import judge_target, open_loopback_connection, start_proxy_in_thread
from local_server.proxy import server as proxy_server
from local_server.proxy.targets import Verdict

FAKE_DNS = {"elsewhere.test": "198.51.100.7", "loopback.test": "127.0.0.1", "localhost": "203.0.113.5"}
"""What the guard answers for these names (without asking anyone); every other name fails to resolve."""

CREDENTIALS = ("ada", "s3cret")


def is_loopback_address(host: object) -> bool:
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@dataclass
class LoopbackGuard:
    """What the process tried beyond loopback while the guard was on: lookups of names, connections, datagrams."""

    lookups: list[str] = field(default_factory=list)
    blocked: list[object] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.lookups == [], f"something looked up {self.lookups}"
        assert self.blocked == [], f"something tried to reach {self.blocked} beyond loopback"


@pytest.fixture
def loopback_only(monkeypatch) -> LoopbackGuard:
    """Refuse (and record) every lookup, connection and datagram of this process that is not for loopback."""
    guard = LoopbackGuard()
    real_getaddrinfo, real_connect, real_connect_ex = (
        socket.getaddrinfo,
        socket.socket.connect,
        socket.socket.connect_ex,
    )
    real_sendto = socket.socket.sendto

    def check(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback_address(address[0]):  # type: ignore[index]
            guard.blocked.append(address)
            raise OSError(errno.ENETUNREACH, f"the test guard refuses {address}: it is not loopback")

    def connect(sock, address):
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock, address)
        return real_connect_ex(sock, address)

    def sendto(sock, data, *args):
        check(sock, args[-1])
        return real_sendto(sock, data, *args)

    def getaddrinfo(host, port, *args, **kwargs):
        if host is None or is_loopback_address(host):
            return real_getaddrinfo(host, port, *args, **kwargs)
        name = host.decode() if isinstance(host, bytes) else str(host)
        guard.lookups.append(name)
        if name in FAKE_DNS:
            return real_getaddrinfo(FAKE_DNS[name], port, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, f"the test guard resolves no name ({name})")

    def refuse_lookup(name, *args):
        guard.lookups.append(str(name))
        raise socket.gaierror(socket.EAI_NONAME, f"the test guard resolves no name ({name})")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for function in ("gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, function, refuse_lookup)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    return guard


@dataclass
class RecordingConnect:
    """The proxy's outbound connect, replaced: it notes (address, port) and fails, so nothing is ever sent."""

    attempts: list[tuple[str, int]] = field(default_factory=list)

    async def __call__(self, address: str, port: int):
        self.attempts.append((address, port))
        raise ConnectionRefusedError(f"the test's connect refuses {address}:{port}")


class RecordingResolver(AbstractResolver):
    """The client's resolver in these tests: it notes each host the client wants resolved, and resolves none."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET):
        self.asked.append(host)
        raise OSError(f"the test resolves no name ({host})")

    async def close(self) -> None:
        pass


def raw_exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `request` to 127.0.0.1:port as bytes, read the whole answer: its status, headers and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return int(status_line.split()[1]), headers, body


def assert_json_refusal(body: bytes, fragment: str) -> None:
    parsed = json.loads(body)
    assert parsed["status"] == 403, parsed
    assert fragment in parsed["error"], parsed


# --- 1. the decision, where it is made ------------------------------------------------------------

ALLOWED = [
    ("127.0.0.1", "127.0.0.1"),
    ("127.0.0.2", "127.0.0.2"),
    ("127.255.255.254", "127.255.255.254"),
    ("::1", "::1"),
    ("0:0:0:0:0:0:0:1", "::1"),
    ("localhost", "127.0.0.1"),
    ("LocalHost", "127.0.0.1"),
]

REFUSED_ADDRESSES = [
    "0.0.0.0",
    "10.0.0.1",
    "126.255.255.255",
    "128.0.0.1",
    "169.254.169.254",  # the cloud metadata service
    "192.168.1.1",
    "203.0.113.7",
    "255.255.255.255",
    "::",
    "::ffff:127.0.0.1",  # IPv4-mapped: not ::1
    "2001:db8::1",
    "fe80::1%lo",
]

REFUSED_NAMES = [
    "example.com",
    "blocked.example",
    "elsewhere.test",
    "loopback.test",  # resolves to 127.0.0.1 (FAKE_DNS): refused all the same, from its name
    "echo.test",
    "localhost.",
    "localhost.localdomain",
    "127.0.0.1.nip.io",
    "2130706433",  # 127.0.0.1 as one number: a resolver would take it, the proxy does not
    "0x7f000001",
    "0x7f.0.0.1",
    "0177.0.0.1",
    "127.1",
    "127.0.0.01",
    "127.0.0.1.",
    "[::1]",
]


@pytest.mark.parametrize(("host", "address"), ALLOWED)
def test_loopback_hosts_are_allowed_and_mapped_to_an_address(host, address):
    assert judge_target(host) == Verdict(address)


@pytest.mark.parametrize("host", REFUSED_ADDRESSES)
def test_addresses_off_loopback_are_refused(host):
    verdict = judge_target(host)
    assert not verdict.allowed
    assert (
        verdict.reason
        == f"{host} is not a loopback address: this proxy forwards only to loopback (127.0.0.0/8, ::1, localhost)"
    )


@pytest.mark.parametrize("host", REFUSED_NAMES)
def test_names_are_refused_without_a_lookup(host, loopback_only):
    verdict = judge_target(host)
    assert not verdict.allowed
    assert verdict.reason.startswith(f"{host} is a name, not an IP address, and no name but localhost is resolved here")
    loopback_only.assert_clean()


# --- 2. end to end, with the outbound connect recorded and failed ---------------------------------

HTTP_TARGETS = [
    "http://blocked.example/",
    "http://example.com/",
    "http://elsewhere.test/",
    "http://loopback.test/",
    "http://203.0.113.7:8080/path?q=1",
    "http://169.254.169.254/latest/meta-data/",
    "http://[2001:db8::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0:80/",
]

HTTPS_TARGETS = [  # aiohttp asks for a CONNECT tunnel to host:port
    "https://blocked.example/",
    "https://example.com/",
    "https://elsewhere.test/",
    "https://loopback.test:8443/",
    "https://203.0.113.7/",
    "https://[2001:db8::1]:8443/",
]

RAW_REQUESTS = [  # what a client other than aiohttp may send, spelled as it is
    b"GET http://2130706433/ HTTP/1.1\r\nHost: 2130706433\r\n\r\n",
    b"GET http://127.1/ HTTP/1.1\r\nHost: 127.1\r\n\r\n",
    b"GET http://0x7f.0.0.1/ HTTP/1.1\r\nHost: 0x7f.0.0.1\r\n\r\n",
    b"GET http://localhost.:80/ HTTP/1.1\r\nHost: localhost.\r\n\r\n",
    b"GET http://LOCALHOST.example/ HTTP/1.0\r\n\r\n",
    b"GET http://blocked.example/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",  # the Host header does not count
    b"CONNECT 0177.0.0.1:443 HTTP/1.1\r\nHost: 0177.0.0.1:443\r\n\r\n",
    b"CONNECT [::ffff:127.0.0.1]:443 HTTP/1.1\r\n\r\n",
    b"CONNECT 127.0.0.1.nip.io:443 HTTP/1.1\r\n\r\n",
    b"CONNECT elsewhere.test:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n",
    b"CONNECT 10.0.0.1:22 HTTP/1.1\r\n\r\n",
]


@pytest.fixture
def recorded():
    """A proxy of its own whose outbound connect only records; stopped after the test."""
    connect = RecordingConnect()
    with start_proxy_in_thread(connect=connect, reuse=False) as proxy:
        yield proxy, connect


def assert_refused_in_log(proxy, target: str) -> None:
    (entry,) = proxy.log.entries()
    assert (entry.target, entry.status, entry.decision, entry.connected_to) == (target, 403, "refused", None)


@pytest.mark.parametrize("url", HTTP_TARGETS)
async def test_http_targets_off_loopback_get_403_and_no_connection(url, recorded, loopback_only):
    proxy, connect = recorded
    resolver = RecordingResolver()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(resolver=resolver)) as session:
        async with session.get(url, proxy=proxy.url) as resp:
            body = await resp.read()
            assert resp.status == 403
            assert resp.content_type == "application/json"
    assert_json_refusal(body, "this proxy forwards only to loopback")
    assert_refused_in_log(proxy, str(URL(url)))  # as aiohttp writes it: yarl normalises the host
    assert connect.attempts == []
    assert resolver.asked == [], "the client resolved the target's name instead of leaving it to the proxy"
    loopback_only.assert_clean()


@pytest.mark.parametrize("url", HTTPS_TARGETS)
async def test_connect_to_targets_off_loopback_gets_403_and_no_connection(url, recorded, loopback_only):
    proxy, connect = recorded
    resolver = RecordingResolver()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(resolver=resolver)) as session:
        with pytest.raises(aiohttp.ClientHttpProxyError) as caught:
            async with session.get(url, proxy=proxy.url):
                pass
    assert caught.value.status == 403
    assert_refused_in_log(proxy, f"{URL(url).host_subcomponent}:{URL(url).port}")
    assert connect.attempts == []
    assert resolver.asked == []
    loopback_only.assert_clean()


@pytest.mark.parametrize("request_bytes", RAW_REQUESTS, ids=lambda raw: raw.split(b"\r\n")[0].decode())
def test_raw_requests_off_loopback_get_403_and_no_connection(request_bytes, recorded, loopback_only):
    proxy, connect = recorded
    status, headers, body = raw_exchange(proxy.port, request_bytes)
    assert status == 403
    assert headers["Content-Type"] == "application/json"
    assert_json_refusal(body, "this proxy forwards only to loopback")
    assert_refused_in_log(proxy, request_bytes.split(b" ")[1].decode())
    assert connect.attempts == []
    loopback_only.assert_clean()


async def test_refusal_comes_after_the_credentials_are_right(loopback_only):
    connect = RecordingConnect()
    with start_proxy_in_thread(CREDENTIALS, connect=connect, reuse=False) as proxy:
        auth = aiohttp.encode_basic_auth(*CREDENTIALS)
        async with aiohttp.ClientSession() as session:
            async with session.get(
                "http://blocked.example/", proxy=proxy.url, headers={"Proxy-Authorization": auth}
            ) as resp:
                assert resp.status == 403
            async with session.get("http://blocked.example/", proxy=proxy.url) as resp:
                assert resp.status == 407
        assert [(e.status, e.credentials) for e in proxy.log.entries()] == [(403, "right"), (407, "none")]
    assert connect.attempts == []
    loopback_only.assert_clean()


@pytest.mark.parametrize(
    ("request_bytes", "address"),
    [
        (b"GET http://localhost:8080/get HTTP/1.1\r\nHost: localhost:8080\r\n\r\n", ("127.0.0.1", 8080)),
        (b"CONNECT localhost:8443 HTTP/1.1\r\n\r\n", ("127.0.0.1", 8443)),
        (b"GET http://127.0.0.5:81/ HTTP/1.1\r\n\r\n", ("127.0.0.5", 81)),
        (b"CONNECT [::1]:8443 HTTP/1.1\r\n\r\n", ("::1", 8443)),
    ],
)
def test_loopback_targets_are_connected_to_the_address_decided_without_a_lookup(
    request_bytes, address, recorded, loopback_only
):
    """``localhost`` goes to 127.0.0.1 even though the guard's DNS would send it to 203.0.113.5."""
    proxy, connect = recorded
    status, _, body = raw_exchange(proxy.port, request_bytes)
    assert status == 502, body
    assert connect.attempts == [address]
    (entry,) = proxy.log.entries()
    assert entry.decision == "target unreachable"
    loopback_only.assert_clean()


# --- 3. controls: the recorder and the guard catch a proxy that would go astray ---------------------


def broken_judge(host: str) -> Verdict:
    """A decision with the bug the tests are there to catch: it allows everything, as the host says."""
    return Verdict(host)


def test_a_broken_decision_shows_as_a_recorded_attempt(monkeypatch, recorded, loopback_only):
    monkeypatch.setattr(proxy_server, "judge_target", broken_judge)
    proxy, connect = recorded
    status, _, _ = raw_exchange(proxy.port, b"GET http://203.0.113.7/ HTTP/1.1\r\n\r\n")
    assert status == 502
    assert connect.attempts == [("203.0.113.7", 80)], "the recorder did not see the connection a bug asked for"
    loopback_only.assert_clean()


async def test_the_real_connect_refuses_an_address_off_loopback_by_itself(loopback_only):
    with pytest.raises(ConnectionRefusedError, match="not a loopback address"):
        await open_loopback_connection("203.0.113.7", 80)
    loopback_only.assert_clean()


def test_with_a_broken_decision_the_real_connect_still_goes_nowhere(monkeypatch, loopback_only):
    monkeypatch.setattr(proxy_server, "judge_target", broken_judge)
    with start_proxy_in_thread(reuse=False) as proxy:
        status, _, body = raw_exchange(proxy.port, b"CONNECT 203.0.113.7:443 HTTP/1.1\r\n\r\n")
    assert status == 502
    assert b"not a loopback address" in body
    loopback_only.assert_clean()


def test_the_guard_stops_a_connect_that_bypasses_every_check(monkeypatch, loopback_only):
    """A proxy bug that skipped both the decision and the loopback check is stopped by the guard, and seen."""
    import asyncio

    async def reckless_connect(address: str, port: int):
        return await asyncio.open_connection(address, port)

    monkeypatch.setattr(proxy_server, "judge_target", broken_judge)
    with start_proxy_in_thread(connect=reckless_connect, reuse=False) as proxy:
        status, _, _ = raw_exchange(proxy.port, b"GET http://203.0.113.7:9/ HTTP/1.1\r\n\r\n")
        status_by_name, _, _ = raw_exchange(proxy.port, b"GET http://elsewhere.test:9/ HTTP/1.1\r\n\r\n")
    assert (status, status_by_name) == (502, 502)
    assert [address[:2] for address in loopback_only.blocked] == [("203.0.113.7", 9), ("198.51.100.7", 9)]
    assert loopback_only.lookups == ["elsewhere.test"]


# --- whatever bytes come, a 4xx (or a recorded loopback attempt), and never the safety net -------------

VALID_REQUESTS = [
    b"GET http://127.0.0.1:8080/get?a=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: */*\r\n\r\n",
    b"CONNECT localhost:8443 HTTP/1.1\r\nHost: localhost:8443\r\nProxy-Authorization: Basic YWRhOng=\r\n\r\n",
    b"POST http://[::1]:81/post HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\nhi",
]


def junk(rng: random.Random) -> bytes:
    """Random bytes, or a valid request with a few bytes changed, cut or repeated."""
    if rng.random() < 0.3:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
    data = bytearray(rng.choice(VALID_REQUESTS))
    for _ in range(rng.randrange(1, 6)):
        where = rng.randrange(len(data))
        action = rng.randrange(3)
        if action == 0:
            data[where] = rng.choice(b" :\r\n\t\x00\x7f\xff[]@%/?#.0123456789azAZ")
        elif action == 1:
            del data[where : where + rng.randrange(1, 8)]
        else:
            data[where:where] = data[where : where + rng.randrange(1, 40)] * rng.randrange(1, 4)
    return bytes(data)


@pytest.mark.parametrize("seed", range(40))
def test_random_bytes_get_a_4xx_and_never_reach_the_safety_net(seed, recorded, loopback_only, caplog):
    proxy, connect = recorded
    request = junk(random.Random(seed))
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    if received:
        status = int(received.split(b" ", 2)[1])
        assert 400 <= status < 500 or (status == 502 and connect.attempts), received[:300]
        assert json.loads(received.partition(b"\r\n\r\n")[2])["status"] == status
    else:
        assert proxy.log.entries() == [], "the proxy logged an answer it never sent"
    assert all(is_loopback_address(address) for address, _ in connect.attempts), connect.attempts
    assert not [record for record in caplog.records if record.name.startswith("local_server")]
    loopback_only.assert_clean()
