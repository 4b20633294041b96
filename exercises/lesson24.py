"""Exercise of lesson 24: from a caught exception to the fix it needs.

The check makes every failure happen for real, against servers of its own on 127.0.0.1 (the echo app served
with `check_server.serving`, an HTTPS echo with the course's CA, the bundled DNS server, a port that never
answers), catches what aiohttp raises, and asks the learner's `diagnose(exc)` for its category. Look-alikes
come in pairs: messages that start alike ("Cannot connect to host ..."), subclasses of one class, a 400 the
server never sent, a timeout with an empty message.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import AsyncResolver

from local_server import SilentListener, create_app, local_ca, start_dns_server, start_tls_server

from .check_server import serving
from .core import NotYet, exercise, expect

CATEGORIES = ("certificate", "dns", "refused", "too-many-files", "content-type", "header-too-long", "retry", "status")
"""What diagnose() may return, besides None (the task's table says which failure each one stands for)."""

SHORT_TIMEOUT = 0.2
"""The bound of the timeouts the check makes fire (seconds): each case waits that long, no more."""


@dataclass(frozen=True)
class Case:
    """One failure the check makes happen: what it is, in the learner's terms, and the category it belongs to."""

    what: str
    expected: str | None
    advice: str
    """What to look at when diagnose() gets this one wrong (it never names the code of an answer)."""


class NoNamesResolver(AbstractResolver):
    """A resolver that knows no name and says so as the system's resolver does on Linux (EAI_NONAME)."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async def close(self) -> None:
        pass


def _out_of_descriptors(addr_info: Any) -> socket.socket:
    """A socket factory that fails as socket() does in a process that has used up its file descriptors."""
    raise OSError(errno.EMFILE, "Too many open files")


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound to find it free, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _raised(request: Callable[[], Awaitable[Any]]) -> BaseException:
    """Run `request` and return the exception it raised; it must raise (the check's own failures always do)."""
    try:
        await request()
    except Exception as exc:
        return exc
    raise RuntimeError("the check's failure did not happen: the check itself is broken")


async def _get(session: aiohttp.ClientSession, url: str, *, then: str = "read", **options: Any) -> None:
    """GET url through session and, inside the block, `then`: read the body, parse it as JSON, or raise for status."""
    async with session.get(url, **options) as resp:
        if then == "raise_for_status":
            resp.raise_for_status()
        elif then == "json":
            await resp.json()
        await resp.read()


async def _failures(stack: AsyncExitStack) -> list[tuple[Case, BaseException]]:
    """Make each failure happen, in the order of the task's table, and return it with what it is."""
    base = await stack.enter_async_context(serving(create_app()))
    session = await stack.enter_async_context(aiohttp.ClientSession())
    tls = await start_tls_server()
    impostor = stack.enter_context(await start_tls_server(local_ca().server_context("other.test"), reuse=False))
    trusting = local_ca().client_context()
    dns = start_dns_server()
    silent_url = stack.enter_context(SilentListener())
    closed = _closed_port()

    async def with_session(coroutine: Callable[[aiohttp.ClientSession], Awaitable[Any]], **options: Any) -> None:
        async with aiohttp.ClientSession(**options) as own:
            await coroutine(own)

    async def through(resolver: AbstractResolver, url: str) -> None:
        try:
            await with_session(lambda own: _get(own, url), connector=aiohttp.TCPConnector(resolver=resolver))
        finally:
            await resolver.close()

    made: list[tuple[Case, Callable[[], Awaitable[Any]]]] = [
        (
            Case(
                "a request to a port of 127.0.0.1 that nothing listens on", "refused", "nothing accepted the connection"
            ),
            lambda: _get(session, f"http://127.0.0.1:{closed}/"),
        ),
        (
            Case(
                "an https:// request to a port that nothing listens on",
                "refused",
                "the connection was refused before any TLS could begin: an https:// URL does not make it a "
                "certificate problem",
            ),
            lambda: _get(session, f"https://127.0.0.1:{closed}/"),
        ),
        (
            Case(
                "a request to localhost on a port that nothing listens on (each of its addresses refused)",
                "refused",
                "nothing accepted the connection, at any of the name's addresses",
            ),
            lambda: _get(session, f"http://localhost:{closed}/"),
        ),
        (
            Case(
                "a request to a name the DNS server does not know (AsyncResolver)",
                "dns",
                "ClientConnectorDNSError is a subclass of ClientConnectorError: test the more specific class "
                "before the one it derives from",
            ),
            lambda: through(AsyncResolver(nameservers=[dns.nameserver]), f"http://no-such-host.example:{closed}/"),
        ),
        (
            Case(
                "a request to a name the system's resolver does not know (its message is 'Name or service not "
                "known', not 'Domain name not found')",
                "dns",
                "each resolver words a failed lookup its own way (and each operating system too): go by the "
                "exception's class, not by the words in brackets",
            ),
            lambda: through(NoNamesResolver(), f"http://no-such-host.example:{closed}/"),
        ),
        (
            Case(
                "an https request to a server whose certificate is signed by a CA the client does not trust",
                "certificate",
                "ClientConnectorCertificateError is a subclass of ClientConnectorError: test it before the class "
                "it derives from",
            ),
            lambda: _get(session, f"{tls.url}/get"),
        ),
        (
            Case(
                "an https request to a server whose certificate names another host (IP address mismatch)",
                "certificate",
                "a certificate for the wrong name is a certificate problem too, with the same class",
            ),
            lambda: _get(session, f"{impostor.url}/get", ssl=trusting),
        ),
        (
            Case(
                "an https:// request to a server that speaks plain HTTP",
                None,
                "this is an SSL error but not a certificate one (ClientConnectorSSLError, a sibling of "
                "ClientConnectorCertificateError): the URL's scheme is wrong, which no category of the table "
                "covers, so the answer is None",
            ),
            lambda: _get(session, f"https://{base.removeprefix('http://')}/get"),
        ),
        (
            Case(
                "a request whose socket could not be made: the process has no file descriptor left (EMFILE)",
                "too-many-files",
                "a ClientConnectorError carries the operating system's error in exc.os_error: its errno tells "
                "'nobody listens' (ECONNREFUSED) from 'this process is out of descriptors' (EMFILE)",
            ),
            lambda: with_session(
                lambda own: _get(own, f"{base}/get"), connector=aiohttp.TCPConnector(socket_factory=_out_of_descriptors)
            ),
        ),
        (
            Case(
                "resp.json() on an HTML page",
                "content-type",
                "ContentTypeError is a subclass of ClientResponseError, and its status is the response's (200 "
                "here): test it before ClientResponseError",
            ),
            lambda: _get(session, f"{base}/html", then="json"),
        ),
        (
            Case(
                "resp.json() on JSON served as text/plain",
                "content-type",
                "ContentTypeError is a subclass of ClientResponseError: test it before ClientResponseError",
            ),
            lambda: _get(session, f"{base}/response-headers?Content-Type=text/plain", then="json"),
        ),
        (
            Case(
                "a response header of 20,000 bytes, over the default limit of 8190",
                "header-too-long",
                "this 400 never came from the server (it answered 200): aiohttp's parser refused the header and "
                "made the ClientResponseError itself. Its __cause__ chain ends in LineTooLong "
                "(aiohttp.http_exceptions); a status sent by the server has no such cause",
            ),
            lambda: _get(session, f"{base}/long-header/20000"),
        ),
        (
            Case(
                "a response header of 20,000 bytes through a session with max_field_size=16384",
                "header-too-long",
                "the limit in the message is the session's own (here 16384, not 8190): go by the cause of the "
                "error, not by the number in its text",
            ),
            lambda: with_session(lambda own: _get(own, f"{base}/long-header/20000"), max_field_size=16_384),
        ),
        (
            Case(
                "a server that closes the connection without an answer",
                "retry",
                "a dropped connection is worth retrying",
            ),
            lambda: _get(session, f"{base}/disconnect"),
        ),
        (
            Case(
                "a body cut short: Content-Length 100, 50 bytes sent",
                "retry",
                "ClientPayloadError (a body cut short) is not a ClientConnectionError, but it is worth retrying",
            ),
            lambda: _get(session, f"{base}/truncated/100"),
        ),
        (
            Case(
                f"a total timeout (ClientTimeout(total={SHORT_TIMEOUT})), whose message is empty",
                "retry",
                "a total timeout is a plain TimeoutError with an empty message: it is not an aiohttp exception, "
                "and there is no text to look for. aiohttp's own timeouts are TimeoutErrors too",
            ),
            lambda: _get(session, f"{base}/delay/1", timeout=aiohttp.ClientTimeout(total=SHORT_TIMEOUT)),
        ),
        (
            Case(
                f"a read timeout (ClientTimeout(sock_read={SHORT_TIMEOUT}))",
                "retry",
                "SocketTimeoutError is a ClientConnectionError and a TimeoutError: a timeout, worth retrying",
            ),
            lambda: _get(session, f"{base}/stall/1", timeout=aiohttp.ClientTimeout(sock_read=SHORT_TIMEOUT)),
        ),
        (
            Case(
                f"a connect timeout (ClientTimeout(connect={SHORT_TIMEOUT})) on a host that never completes the "
                "handshake",
                "retry",
                "ConnectionTimeoutError is a TimeoutError, not a ClientConnectorError: a timeout, worth "
                "retrying, not a refused connection",
            ),
            lambda: _get(session, silent_url, timeout=aiohttp.ClientTimeout(connect=SHORT_TIMEOUT)),
        ),
        (
            Case("raise_for_status() on a 503", "retry", "a 5xx status is worth retrying"),
            lambda: _get(session, f"{base}/status/503", then="raise_for_status"),
        ),
        (
            Case(
                "raise_for_status() on a 429 Too Many Requests",
                "retry",
                "429 means 'come back later': worth retrying, like a 5xx, unlike other 4xx statuses",
            ),
            lambda: _get(session, f"{base}/status/429", then="raise_for_status"),
        ),
        (
            Case("raise_for_status() on a 404", "status", "a 404 stays a 404: fix the request, do not retry"),
            lambda: _get(session, f"{base}/status/404", then="raise_for_status"),
        ),
        (
            Case(
                "raise_for_status() on a 400 the server sent",
                "status",
                "this 400 did come from the server (nothing in its __cause__ chain): the request is wrong",
            ),
            lambda: _get(session, f"{base}/status/400", then="raise_for_status"),
        ),
        (
            Case(
                "ClientSession('http://…/api/v1'), a base_url without its trailing '/'",
                None,
                "a ValueError is no failure of a request: it is in none of the table's categories, so the "
                "answer is None",
            ),
            lambda: with_session(lambda own: _get(own, "users"), base_url=f"{base}/api/v1"),
        ),
    ]
    return [(case, await _raised(request)) for case, request in made]


def _shown(exc: BaseException) -> str:
    text = str(exc)
    if len(text) > 140:
        text = text[:140] + "…"
    return f"{type(exc).__name__}: {text}" if text else f"{type(exc).__name__} (with an empty message)"


@exercise(
    "24.1",
    "from a caught exception to the fix it needs",
    "diagnose",
    (
        "Go by the class of the exception and by what it carries, not by its text: several messages start "
        "alike, some classes derive from others, a timeout may have no message at all, and a status of 400 "
        "does not always come from the server. Test the most specific classes first.",
        "`isinstance(exc, aiohttp.ClientConnectorCertificateError)` and `aiohttp.ClientConnectorDNSError` come "
        "before `aiohttp.ClientConnectorError`, whose `exc.os_error.errno` is `errno.EMFILE` when the process ran "
        "out of descriptors. Every timeout is a `TimeoutError`. `aiohttp.ContentTypeError` comes before "
        "`aiohttp.ClientResponseError`; a 400 made by aiohttp's parser has "
        "`aiohttp.http_exceptions.LineTooLong` down its `__cause__` chain; otherwise `exc.status` decides: "
        "429 and 5xx are worth a retry.",
    ),
    is_async=False,
)
async def check_diagnose(diagnose) -> None:
    async with AsyncExitStack() as stack:
        failures = await _failures(stack)
    answers = []
    for case, exc in failures:
        try:
            answers.append(diagnose(exc))
        except Exception as error:
            raise NotYet(
                f"for {case.what} ({_shown(exc)}) diagnose raised {type(error).__name__}: {error}. It must "
                "return a category for every exception (None for one outside the table): look only at what "
                "that kind of exception has"
            ) from None
    expect(
        any(answer is not None for answer in answers),
        "diagnose returned None for every exception; it should return a category (is the `return` missing?)",
    )
    for (case, exc), got in zip(failures, answers, strict=True):
        expect(
            got is None or got in CATEGORIES,
            f"for {case.what} diagnose returned {got!r}, which is not a category of the table: return one of "
            f"{', '.join(map(repr, CATEGORIES))}, or None",
        )
        expect(
            got == case.expected,
            f"for {case.what} ({_shown(exc)}) diagnose returned {got!r}; the table says {case.expected!r}: "
            f"{case.advice}",
        )
