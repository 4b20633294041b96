"""The forward proxy at work: plain HTTP forwarded, https tunnelled, credentials, its answers to bad input, limits.

Every server here listens on 127.0.0.1: the echo app (pytest-aiohttp's `aiohttp_server`), the HTTPS echo
of `local_server.tls`, small TCP servers of the tests' own, and the proxy. Tests whose requests should
never reach a target give the proxy `RecordingConnect` (see test_abuse_proxy.py), which connects nowhere.
Every proxy is stopped at the end of its test, and the last test checks that a stopped one leaves nothing.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from urllib.parse import quote

import aiohttp
import pytest
from test_abuse_proxy import RecordingConnect, raw_exchange

from local_server import ProxyLimits, create_app, local_ca, start_proxy, start_proxy_in_thread
from local_server.silent_listener import SilentListener
from local_server.tls import start_tls_server_in_thread

CREDENTIALS = ("ada", "p@ss/w:rd#%41")
"""A password with every character that needs percent-encoding in a URL's user part."""
PROXY_AUTHENTICATE = 'Basic realm="aiohttp course proxy"'
VIA = "1.1 course-proxy"


def with_credentials(proxy_url: str, login: str, password: str) -> str:
    return proxy_url.replace("http://", f"http://{quote(login, safe='')}:{quote(password, safe='')}@")


@pytest.fixture
def proxy():
    with start_proxy_in_thread(reuse=False) as running:
        yield running


@pytest.fixture
def auth_proxy():
    with start_proxy_in_thread(CREDENTIALS, reuse=False) as running:
        yield running


@pytest.fixture
def recorded():
    connect = RecordingConnect()
    with start_proxy_in_thread(connect=connect, reuse=False, limits=ProxyLimits(head_timeout=0.3)) as running:
        yield running, connect


@pytest.fixture
async def echo(aiohttp_server):
    return await aiohttp_server(create_app())


@pytest.fixture
def tls_echo():
    with start_tls_server_in_thread(reuse=False) as server:
        yield server


async def wait_for(condition, within: float = 5.0) -> None:
    """Wait until `condition()` holds: the proxy's thread writes some log fields after the client is done."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await asyncio.sleep(0.01)


# --- plain HTTP, forwarded ------------------------------------------------------------------------


async def chunks():
    yield b"first,"
    yield b"second"


FORWARDED = [
    # (method, path, request options, expected status, what the echo's JSON must hold)
    ("GET", "/get?a=1&b=two", {}, 200, {"args": {"a": "1", "b": "two"}}),
    ("POST", "/post", {"data": b"x" * 100_000}, 200, {"data": "x" * 100_000}),
    ("POST", "/post", {"json": {"k": "v"}}, 200, {"json": {"k": "v"}}),
    ("PUT", "/put", {"data": chunks}, 200, {"data": "first,second"}),
    ("DELETE", "/delete", {}, 200, {"args": {}}),
    ("GET", "/status/418", {}, 418, None),
    ("GET", "/status/204", {}, 204, None),
    ("HEAD", "/get", {}, 200, None),
    ("GET", "/redirect/1", {"allow_redirects": False}, 302, None),
]


@pytest.mark.parametrize(("method", "path", "options", "status", "expected"), FORWARDED)
async def test_plain_http_is_forwarded_and_logged(proxy, echo, method, path, options, status, expected):
    options = {key: value() if callable(value) else value for key, value in options.items()}
    url = str(echo.make_url(path))
    async with aiohttp.ClientSession() as session:
        async with session.request(method, url, proxy=proxy.url, **options) as resp:
            assert resp.status == status
            assert resp.headers["Via"] == VIA
            body = await resp.read()
    if expected is not None:
        echoed = json.loads(body)
        assert {key: echoed[key] for key in expected} == expected
    (entry,) = proxy.log.entries()
    assert (entry.method, entry.target, entry.status, entry.decision) == (method, url, status, "forwarded")
    assert (entry.credentials, entry.connected_to) == ("none", f"127.0.0.1:{echo.port}")


async def test_a_streamed_answer_comes_through_whole(proxy, echo):
    async with aiohttp.ClientSession() as session:
        async with session.get(echo.make_url("/stream/5"), proxy=proxy.url) as resp:
            assert resp.headers["Transfer-Encoding"] == "chunked"
            lines = [json.loads(line) async for line in resp.content]
    assert [line["id"] for line in lines] == [0, 1, 2, 3, 4]


async def test_the_target_sees_an_origin_form_request_with_via_and_no_proxy_credentials(auth_proxy, echo):
    proxy_url = with_credentials(auth_proxy.url, *CREDENTIALS)
    async with aiohttp.ClientSession() as session:
        async with session.get(echo.make_url("/anything/x?q=1"), proxy=proxy_url, headers={"X-Mine": "kept"}) as resp:
            seen = await resp.json()
    assert seen["url"] == str(echo.make_url("/anything/x?q=1"))
    assert seen["headers"]["Via"] == VIA
    assert seen["headers"]["X-Mine"] == "kept"
    assert seen["headers"]["Host"] == f"127.0.0.1:{echo.port}"
    assert "Proxy-Authorization" not in seen["headers"]


async def test_localhost_is_forwarded_to_127_0_0_1(proxy, echo):
    url = f"http://localhost:{echo.port}/get"
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy.url) as resp:
            assert resp.status == 200
    (entry,) = proxy.log.entries()
    assert (entry.target, entry.connected_to) == (url, f"127.0.0.1:{echo.port}")


# --- https, through a CONNECT tunnel --------------------------------------------------------------


async def test_https_goes_through_a_tunnel_the_proxy_cannot_read(proxy, tls_echo):
    context = local_ca().client_context()
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{tls_echo.url}/headers?secret=1", proxy=proxy.url, ssl=context) as resp:
            assert resp.status == 200
            assert "Via" not in resp.headers, "the proxy changed an answer it should only have tunnelled"
            seen = (await resp.json())["headers"]
    assert "Via" not in seen
    (entry,) = proxy.log.entries()
    assert (entry.method, entry.target, entry.status, entry.decision) == (
        "CONNECT",
        f"127.0.0.1:{tls_echo.port}",
        200,
        "tunnelled",
    )
    await wait_for(lambda: entry.ended is not None)
    assert entry.ended == "the client closed the connection"


async def test_https_through_the_tunnel_checks_the_certificate(proxy, tls_echo):
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectorCertificateError) as caught:
            async with session.get(f"{tls_echo.url}/get", proxy=proxy.url):
                pass
    assert caught.value.certificate_error.verify_message == "unable to get local issuer certificate"
    assert [entry.decision for entry in proxy.log.entries()] == ["tunnelled"]


async def test_https_through_a_proxy_that_needs_credentials(auth_proxy, tls_echo):
    context = local_ca().client_context()
    url = f"{tls_echo.url}/get"
    header = {"Proxy-Authorization": aiohttp.encode_basic_auth(*CREDENTIALS)}
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientHttpProxyError) as caught:
            async with session.get(url, proxy=auth_proxy.url, ssl=context):
                pass
        assert caught.value.status == 407
        assert caught.value.headers["Proxy-Authenticate"] == PROXY_AUTHENTICATE
        async with session.get(url, proxy=with_credentials(auth_proxy.url, *CREDENTIALS), ssl=context) as resp:
            assert resp.status == 200
        async with aiohttp.ClientSession() as fresh:  # a new pool: the tunnel above would be reused
            async with fresh.get(url, proxy=auth_proxy.url, proxy_headers=header, ssl=context) as resp:
                assert resp.status == 200
    assert [(e.status, e.credentials) for e in auth_proxy.log.entries()] == [
        (407, "none"),
        (200, "right"),
        (200, "right"),
    ]


# --- credentials -----------------------------------------------------------------------------------


async def test_no_credentials_get_407_with_proxy_authenticate(auth_proxy, echo):
    async with aiohttp.ClientSession() as session:
        async with session.get(echo.make_url("/get"), proxy=auth_proxy.url) as resp:
            assert resp.status == 407
            assert resp.headers["Proxy-Authenticate"] == PROXY_AUTHENTICATE
            body = await resp.json()
    assert body == {
        "error": "this proxy needs credentials: put them in the proxy URL (http://user:password@host:port)",
        "status": 407,
    }
    (entry,) = auth_proxy.log.entries()
    assert (entry.status, entry.decision, entry.credentials, entry.connected_to) == (
        407,
        "needs credentials",
        "none",
        None,
    )


RIGHT_WAYS = {
    "in the URL, percent-encoded": lambda proxy_url: ({"proxy": with_credentials(proxy_url, *CREDENTIALS)}),
    "as a header": lambda proxy_url: (
        {"proxy": proxy_url, "headers": {"Proxy-Authorization": aiohttp.encode_basic_auth(*CREDENTIALS)}}
    ),
}


@pytest.mark.parametrize("how", RIGHT_WAYS)
async def test_right_credentials_are_forwarded(auth_proxy, echo, how):
    async with aiohttp.ClientSession() as session:
        async with session.get(echo.make_url("/get"), **RIGHT_WAYS[how](auth_proxy.url)) as resp:
            assert resp.status == 200
    (entry,) = auth_proxy.log.entries()
    assert (entry.credentials, entry.user, entry.decision) == ("right", "ada", "forwarded")


def basic(pair: bytes) -> str:
    import base64

    return "Basic " + base64.b64encode(pair).decode()


WRONG_CREDENTIALS = [
    # (Proxy-Authorization values, the login the log shows)
    ([basic(b"ada:wrong")], "ada"),
    ([basic(b"bob:p@ss/w:rd#%41")], "bob"),
    ([basic(b"ada:p@ss/w:rd#A")], "ada"),  # "%41" left un-encoded in a URL arrives as "A"
    ([basic(b"ada")], None),  # no colon
    (["Basic !!!not-base64"], None),
    (["Bearer abc"], None),
    (["Basic"], None),
    ([aiohttp.encode_basic_auth(*CREDENTIALS), basic(b"ada:wrong")], None),  # two headers
]


@pytest.mark.parametrize(("values", "user"), WRONG_CREDENTIALS)
def test_wrong_credentials_get_407_and_go_nowhere(values, user):
    connect = RecordingConnect()
    with start_proxy_in_thread(CREDENTIALS, connect=connect, reuse=False) as auth_proxy:
        lines = "".join(f"Proxy-Authorization: {value}\r\n" for value in values)
        status, headers, body = raw_exchange(
            auth_proxy.port, f"GET http://127.0.0.1:9/ HTTP/1.1\r\nHost: 127.0.0.1:9\r\n{lines}\r\n".encode()
        )
        entries = auth_proxy.log.entries()
    assert status == 407
    assert headers["Proxy-Authenticate"] == PROXY_AUTHENTICATE
    assert json.loads(body)["error"] == "the credentials in Proxy-Authorization are not the ones this proxy accepts"
    assert [(e.credentials, e.user) for e in entries] == [("wrong", user)]
    assert connect.attempts == []


async def test_proxy_headers_are_not_sent_for_an_http_target(auth_proxy, echo):
    """aiohttp sends `proxy_headers=` only with a CONNECT: for http, the header goes in `headers=`."""
    header = {"Proxy-Authorization": aiohttp.encode_basic_auth(*CREDENTIALS)}
    async with aiohttp.ClientSession() as session:
        async with session.get(echo.make_url("/get"), proxy=auth_proxy.url, proxy_headers=header) as resp:
            assert resp.status == 407


async def test_an_open_proxy_ignores_credentials_and_logs_the_login(proxy, echo):
    async with aiohttp.ClientSession() as session:
        async with session.get(echo.make_url("/get"), proxy=with_credentials(proxy.url, "eve", "x")) as resp:
            assert resp.status == 200
    (entry,) = proxy.log.entries()
    assert (entry.credentials, entry.user) == ("ignored", "eve")


# --- what a client may send wrong ------------------------------------------------------------------

MALFORMED = [
    # (request bytes, status, a fragment of the JSON error)
    (b"GET\r\n\r\n", 400, "is not a start line of three parts"),
    (b"GET  http://127.0.0.1/ HTTP/1.1\r\n\r\n", 400, "is not a start line of three parts"),
    (b"G(T http://127.0.0.1/ HTTP/1.1\r\n\r\n", 400, "is not an HTTP method"),
    (b"GET http://127.0.0.1/ HTTP/2.0\r\n\r\n", 400, "is not HTTP/1.0 or HTTP/1.1"),
    (b"GET http://127.0.0.1/ SPDY/3\r\n\r\n", 400, "is not HTTP/1.0 or HTTP/1.1"),
    (b"GET /get HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400, "is a path: a proxy is asked for a whole URL"),
    (b"OPTIONS * HTTP/1.1\r\n\r\n", 400, "is a path"),
    (b"GET ftp://127.0.0.1/ HTTP/1.1\r\n\r\n", 400, "is not an absolute http:// URL"),
    (b"GET https://127.0.0.1/ HTTP/1.1\r\n\r\n", 400, "ask for a tunnel with CONNECT"),
    (b"GET http:///path HTTP/1.1\r\n\r\n", 400, "is not host:port"),
    (b"GET http://user:pw@127.0.0.1/ HTTP/1.1\r\n\r\n", 400, "credentials go in Proxy-Authorization"),
    (b"GET http://127.0.0.1/#frag HTTP/1.1\r\n\r\n", 400, "has a fragment"),
    (b"GET http://127.0.0.1:0/ HTTP/1.1\r\n\r\n", 400, "is not a number from 1 to 65535"),
    (b"GET http://127.0.0.1:99999/ HTTP/1.1\r\n\r\n", 400, "is not a number from 1 to 65535"),
    (b"GET http://127.0.0.1:8o/ HTTP/1.1\r\n\r\n", 400, "is not a number from 1 to 65535"),
    (b"GET http://[::1/ HTTP/1.1\r\n\r\n", 400, "is not [IPv6 address]:port"),
    (b"GET http://\xc3\xa9.example/ HTTP/1.1\r\n\r\n", 400, "not printable ASCII"),
    (b"CONNECT 127.0.0.1 HTTP/1.1\r\n\r\n", 400, "names no port: CONNECT needs host:port"),
    (b"CONNECT http://127.0.0.1:443/ HTTP/1.1\r\n\r\n", 400, "is not host:port"),
    (b"CONNECT ::1:443 HTTP/1.1\r\n\r\n", 400, "is not host:port"),
    (b"GET http://127.0.0.1/ HTTP/1.1\nHost: x\n\n", 400, "ends in a bare LF"),
    (b"GET http://127.0.0.1/ HTTP/1.1\r\nNo colon here\r\n\r\n", 400, "is not a header line"),
    (b"GET http://127.0.0.1/ HTTP/1.1\r\nHost : x\r\n\r\n", 400, "is not a header line"),
    (b"GET http://127.0.0.1/ HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n", 400, "obsolete line folding"),
    (b"GET http://127.0.0.1/ HTTP/1.1\r\nX-A: a\x00b\r\n\r\n", 400, "holds a control character"),
    (
        b"POST http://127.0.0.1/ HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        400,
        "both Transfer-Encoding and Content-Length",
    ),
    (b"POST http://127.0.0.1/ HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 400, "understands only chunked"),
    (b"POST http://127.0.0.1/ HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400, "is not one whole number"),
    (b"POST http://127.0.0.1/ HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400, "one whole number"),
    (b"GET http://127.0.0.1/ HTTP/1.1\r\nHost: x", 400, "ended in the middle of the request head"),
    (
        b"GET http://127.0.0.1/ HTTP/1.1\r\n" + b"X-Long: " + b"a" * 20_000 + b"\r\n\r\n",
        431,
        "is longer than the limit",
    ),
    (b"GET http://127.0.0.1/ HTTP/1.1\r\n" + (b"X-A: " + b"a" * 1000 + b"\r\n") * 20 + b"\r\n", 431, "is longer"),
    (b"GET http://127.0.0.1/ HTTP/1.1\r\n" + b"A: 1\r\n" * 101 + b"\r\n", 431, "more than 100 header lines"),
    (b"\r\n" * 9000, 431, "is longer than the limit"),
]


@pytest.mark.parametrize(("request_bytes", "status", "fragment"), MALFORMED, ids=lambda v: repr(v)[:60])
def test_malformed_requests_get_a_json_4xx_and_go_nowhere(recorded, request_bytes, status, fragment):
    proxy, connect = recorded
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as sock:
        sock.sendall(request_bytes)
        if request_bytes.endswith(b"Host: x"):
            sock.shutdown(socket.SHUT_WR)  # the head never ends: the client stops sending
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert int(head.split()[1]) == status, received[:300]
    answer = json.loads(body)
    assert answer["status"] == status
    assert fragment in answer["error"], answer
    (entry,) = proxy.log.entries()
    assert entry.status == status
    assert entry.decision == ("too large" if status == 431 else "malformed")
    assert connect.attempts == []


def test_a_client_that_never_finishes_its_head_gets_408(recorded):
    proxy, connect = recorded
    started = time.monotonic()
    status, _, body = raw_exchange(proxy.port, b"GET http://127.0.0.1/ HTTP/1.1\r\nHost: x\r\n")
    waited = time.monotonic() - started
    assert status == 408
    assert json.loads(body)["error"] == "no complete request head came within 0.3 s"
    assert 0.25 < waited < 5
    assert connect.attempts == []


def test_a_client_that_connects_and_leaves_is_not_logged(recorded):
    proxy, _ = recorded
    socket.create_connection(("127.0.0.1", proxy.port), timeout=10).close()
    time.sleep(0.1)
    assert proxy.log.entries() == []


# --- targets that do not answer well ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_nothing_listening_at_the_target_gives_502(proxy):
    port = free_port()
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/", proxy=proxy.url) as resp:
            assert resp.status == 502
            assert f"nothing accepted a connection at 127.0.0.1:{port}" in (await resp.json())["error"]


async def test_a_target_that_never_accepts_gives_504():
    with SilentListener() as url, start_proxy_in_thread(limits=ProxyLimits(connect_timeout=0.3), reuse=False) as proxy:
        async with aiohttp.ClientSession() as session:
            async with session.get(url, proxy=proxy.url) as resp:
                assert resp.status == 504
                assert "did not accept a connection within 0.3 s" in (await resp.json())["error"]


async def serve_tcp(handler) -> asyncio.Server:
    return await asyncio.start_server(handler, "127.0.0.1", 0)


@pytest.mark.parametrize(
    ("answer", "status", "fragment"),
    [
        (None, 504, "sent no answer within 0.3 s"),
        (b"", 502, "closed the connection without an answer"),
        (b"SSH-2.0-OpenSSH\r\n\r\n", 502, "did not answer in HTTP/1.x"),
    ],
)
async def test_a_target_that_does_not_answer_in_http_gives_a_json_5xx(answer, status, fragment):
    finished = asyncio.Event()

    async def target(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        if answer is not None:
            writer.write(answer)
            writer.close()
        await reader.read()  # until the proxy, done with this target, closes its side
        writer.close()
        finished.set()

    server = await serve_tcp(target)
    port = server.sockets[0].getsockname()[1]
    try:
        with start_proxy_in_thread(limits=ProxyLimits(idle_timeout=0.3), reuse=False) as proxy:
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/", proxy=proxy.url) as resp:
                    assert resp.status == status
                    assert fragment in (await resp.json())["error"]
            await asyncio.wait_for(finished.wait(), timeout=5)
    finally:
        server.close()
        await server.wait_closed()


# --- tunnels: idle, closed by either side, limits --------------------------------------------------


class TcpTarget:
    """A TCP server on 127.0.0.1 that echoes what it receives, and notes how each connection ended."""

    def __init__(self) -> None:
        self.received = b""
        self.closed = asyncio.Event()
        self.writers: list[asyncio.StreamWriter] = []
        self.handlers: list[asyncio.Task] = []
        self.server: asyncio.Server | None = None

    async def __aenter__(self) -> TcpTarget:
        self.server = await serve_tcp(self._echo)
        return self

    async def __aexit__(self, *exc_info) -> None:
        for writer in self.writers:
            writer.close()
        await asyncio.wait_for(asyncio.gather(*self.handlers, return_exceptions=True), timeout=5)
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    @property
    def port(self) -> int:
        assert self.server is not None
        return self.server.sockets[0].getsockname()[1]

    async def _echo(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.append(writer)
        self.handlers.append(asyncio.current_task())
        try:
            while data := await reader.read(65536):
                self.received += data
                writer.write(data)
                await writer.drain()
        except OSError:
            pass
        finally:
            self.closed.set()
            writer.close()


async def open_tunnel(proxy_port: int, target_port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", proxy_port)
    writer.write(f"CONNECT 127.0.0.1:{target_port} HTTP/1.1\r\nHost: 127.0.0.1:{target_port}\r\n\r\n".encode())
    assert await reader.readuntil(b"\r\n\r\n") == b"HTTP/1.1 200 Connection established\r\n\r\n"
    return reader, writer


async def close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    try:
        await writer.wait_closed()
    except OSError:
        pass


@pytest.fixture
def idle_proxy():
    with start_proxy_in_thread(limits=ProxyLimits(idle_timeout=0.3), reuse=False) as running:
        yield running


async def test_an_idle_tunnel_is_closed(idle_proxy):
    async with TcpTarget() as target:
        reader, writer = await open_tunnel(idle_proxy.port, target.port)
        started = time.monotonic()
        assert await asyncio.wait_for(reader.read(), timeout=10) == b""
        waited = time.monotonic() - started
        await close(writer)
        await asyncio.wait_for(target.closed.wait(), timeout=5)
    assert 0.25 < waited < 5, f"the tunnel closed after {waited:.2f} s of silence, not after about 0.3 s"
    (entry,) = idle_proxy.log.entries()
    assert entry.ended == "idle for 0.3 s"


async def test_a_tunnel_in_use_stays_open_past_the_idle_limit(idle_proxy):
    async with TcpTarget() as target:
        reader, writer = await open_tunnel(idle_proxy.port, target.port)
        for n in range(8):  # 0.8 s in all, never 0.3 s without a byte
            writer.write(b"ping %d\n" % n)
            assert await asyncio.wait_for(reader.readline(), timeout=5) == b"ping %d\n" % n
            await asyncio.sleep(0.1)
        await close(writer)
        await asyncio.wait_for(target.closed.wait(), timeout=5)
    (entry,) = idle_proxy.log.entries()
    await wait_for(lambda: entry.ended is not None)
    assert entry.ended == "the client closed the connection"


async def test_a_client_that_leaves_mid_tunnel_closes_the_target_side(idle_proxy):
    async with TcpTarget() as target:
        reader, writer = await open_tunnel(idle_proxy.port, target.port)
        writer.write(b"half a message")
        await writer.drain()
        writer.transport.abort()  # gone at once, without a goodbye
        await asyncio.wait_for(target.closed.wait(), timeout=5)
        assert target.received in (b"", b"half a message")
    (entry,) = idle_proxy.log.entries()
    await wait_for(lambda: entry.ended is not None)
    assert entry.ended in ("the client closed the connection", "the client reset the connection")
    await wait_for(lambda: idle_proxy.open_connections == 0)


async def test_a_target_that_closes_ends_the_tunnel(idle_proxy):
    async with TcpTarget() as target:
        reader, writer = await open_tunnel(idle_proxy.port, target.port)
        await wait_for(lambda: bool(target.writers))
        target.writers[0].close()
        assert await asyncio.wait_for(reader.read(), timeout=5) == b""
        await close(writer)
    (entry,) = idle_proxy.log.entries()
    await wait_for(lambda: entry.ended is not None)
    assert entry.ended == "the target closed the connection"


async def test_connections_over_the_limit_get_503():
    with start_proxy_in_thread(limits=ProxyLimits(max_connections=2), reuse=False) as proxy:
        held = [await asyncio.open_connection("127.0.0.1", proxy.port) for _ in range(2)]
        await wait_for(lambda: proxy.open_connections == 2)
        status, headers, body = await asyncio.to_thread(
            raw_exchange, proxy.port, b"GET http://127.0.0.1/ HTTP/1.1\r\n\r\n"
        )
        assert status == 503
        assert headers["Retry-After"] == "1"
        assert json.loads(body)["error"] == "the proxy already serves 2 connections, its limit"
        for _, writer in held:
            await close(writer)
        await wait_for(lambda: proxy.open_connections == 0)
        status, _, _ = await asyncio.to_thread(raw_exchange, proxy.port, b"GET /not-a-proxy-request HTTP/1.1\r\n\r\n")
        assert status == 400, "the proxy kept refusing after the connections over its limit had closed"


# --- start, reuse, stop -----------------------------------------------------------------------------


async def test_start_proxy_reuses_a_running_proxy_with_the_same_options():
    open_one = await start_proxy()
    try:
        assert await start_proxy() is open_one
        auth_one = await start_proxy(credentials=CREDENTIALS)
        try:
            assert auth_one is not open_one
            assert await start_proxy(credentials=CREDENTIALS) is auth_one
            with start_proxy_in_thread(reuse=False) as own:
                assert own is not open_one
        finally:
            auth_one.stop()
        assert await start_proxy(credentials=CREDENTIALS) is not auth_one
    finally:
        open_one.stop()
        (await start_proxy(credentials=CREDENTIALS)).stop()


def test_the_log_can_be_read_taken_and_is_bounded():
    connect = RecordingConnect()
    with start_proxy_in_thread(connect=connect, limits=ProxyLimits(max_log_entries=3), reuse=False) as proxy:
        for n in range(5):
            raw_exchange(proxy.port, f"GET http://blocked{n}.example/ HTTP/1.1\r\n\r\n".encode())
        assert [entry.target for entry in proxy.log.entries()] == [f"http://blocked{n}.example/" for n in (2, 3, 4)]
        assert len(proxy.log.take()) == 3
        assert proxy.log.entries() == []
        assert str(proxy.log) == "(nothing yet)"


async def test_a_stopped_proxy_leaves_nothing_running(echo):
    proxy = start_proxy_in_thread(limits=ProxyLimits(idle_timeout=30), reuse=False)
    async with TcpTarget() as target:
        reader, writer = await open_tunnel(proxy.port, target.port)
        await asyncio.to_thread(proxy.stop)
        assert await asyncio.wait_for(reader.read(), timeout=5) == b"", "a tunnel outlived its proxy"
        await close(writer)
    assert not proxy.running
    (entry,) = proxy.log.entries()
    assert entry.ended == "the proxy stopped"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=2).close()
