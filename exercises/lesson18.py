"""Exercises of lesson 18: https trusting the CA you are given (and no other), telling TLS failures apart, and a
pinned certificate.

Each check makes certificate authorities of its own (`local_server.tls.LocalCA`: new keys every run, only the
public certificates written, to a temporary folder) and serves pages of its own over HTTPS on 127.0.0.1
(`check_server.serving(app, ssl_context=...)`), some with a certificate a careful client must refuse. Each
server logs what it received: an impostor that received a request proves the client talked to it.

18.1 also stands in for the machine's own CA store: while the learner's code runs, ``SSL_CERT_FILE`` names the
certificate of a CA of the check's own, which is where OpenSSL's default verify paths (what
``ssl.create_default_context()`` loads) then look, so an answer that trusts the system's CAs as well as the
one it was given is caught by an impostor that such a CA signed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import socket
import ssl
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from local_server.tls import LocalCA

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type, outcome


def _token() -> str:
    """A value the learner cannot know in advance: the page's text must come from the server."""
    return secrets.token_hex(4)


# ---------------------------------------------------------------------------------------------------
# What the three checks share: CAs of the check's own, and HTTPS servers of pages that log what they received.


@contextlib.contextmanager
def _authorities(count: int) -> Iterator[list[LocalCA]]:
    """`count` new certificate authorities, their folders removed at the end."""
    cas = [LocalCA(f"check CA {n}") for n in range(count)]
    try:
        yield cas
    finally:
        for ca in cas:
            ca.cleanup()


@dataclass
class _Site:
    """An HTTPS server of the check: pages at /page/{name}, each with a token, and a log of what it received."""

    description: str
    ca: LocalCA
    """The CA that signed the server's certificate."""
    names: tuple[str, ...]
    """The names on the server's certificate."""
    tokens: dict[str, str] = field(default_factory=dict)
    log: RequestLog = field(default_factory=RequestLog)
    url: str = ""
    """The server's base URL, ``https://127.0.0.1:PORT``, once it is served."""

    @property
    def certificate_pem(self) -> bytes:
        return self.ca.leaf(*self.names).cert_chain_pems[0].bytes()

    async def page(self, request: web.Request) -> web.Response:
        return web.Response(text=self.text(request.match_info["name"]))

    def text(self, name: str) -> str:
        return f"page {name} {self.tokens.setdefault(name, _token())}\n"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/page/{name}", self.page)
        app.middlewares.append(self.log.middleware)
        return app

    def page_url(self, name: str, host: str = "127.0.0.1") -> str:
        return f"{self.url.replace('127.0.0.1', host)}/page/{name}"

    def received(self, name: str) -> bool:
        return any(seen.path_qs == f"/page/{name}" for seen in self.log.requests)


@contextlib.asynccontextmanager
async def _serving_sites(sites: list[_Site]) -> AsyncIterator[list[_Site]]:
    """Serve each site over HTTPS with its certificate, on a port of its own; stop them all at the end."""
    async with contextlib.AsyncExitStack() as stack:
        for site in sites:
            site.url = await stack.enter_async_context(
                serving(site.app(), ssl_context=site.ca.server_context(*site.names))
            )
        yield sites


def _digest(pem: bytes) -> bytes:
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem.decode("ascii"))).digest()


def _is_certificate_error(exc: BaseException) -> bool:
    return isinstance(exc, aiohttp.ClientConnectorCertificateError)


def _reason(exc: BaseException) -> str:
    """OpenSSL's reason for a certificate error, as aiohttp's message ends with it."""
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return getattr(exc.certificate_error, "verify_message", None) or str(exc.certificate_error)
    return str(exc)


# ---------------------------------------------------------------------------------------------------
# 18.1 fetch_trusting: the CA in ca_file trusted, and no other; every impostor refused.


@dataclass
class _TrustCase:
    site: _Site
    trusted: bool
    accepted_means: str = ""
    """What returning this impostor's page shows about the learner's context."""


@contextlib.contextmanager
def _system_store(ca: LocalCA) -> Iterator[None]:
    """For the block, OpenSSL's default CA file (what ``ssl.create_default_context()`` loads) is `ca`'s certificate."""
    saved = os.environ.get("SSL_CERT_FILE")
    os.environ["SSL_CERT_FILE"] = str(ca.ca_path)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SSL_CERT_FILE"]
        else:
            os.environ["SSL_CERT_FILE"] = saved


@exercise(
    "18.1",
    "https trusting the CA you are given, and no other",
    "fetch_trusting",
    (
        "The server's certificate was signed by a private CA, whose certificate you are given in a file. Tell the "
        "client to trust that CA, and only that one; keep every other check the client makes as it is.",
        "Build a context with `ssl.create_default_context(cafile=...)`, which trusts the CAs in that file and no "
        "others and still checks the name, and pass it as `ssl=` to `session.get`. Not `ssl=False`, and do not "
        "catch `aiohttp.ClientConnectorCertificateError`: an impostor's certificate must end the call.",
    ),
)
async def check_fetch_trusting(fetch_trusting) -> None:
    call = "fetch_trusting(url, ca_file)"
    with _authorities(3) as (yours, another, system):
        cases = [
            _TrustCase(_Site("the server", yours, ("127.0.0.1",)), trusted=True),
            _TrustCase(
                _Site("an impostor whose certificate another CA signed", another, ("127.0.0.1",)),
                trusted=False,
                accepted_means="it does not check who signed the certificate at all: that is what ssl=False (or "
                "verify_mode=CERT_NONE) does",
            ),
            _TrustCase(
                _Site(
                    "an impostor with a certificate of your CA for another name (other.test)", yours, ("other.test",)
                ),
                trusted=False,
                accepted_means="it checks who signed the certificate, but not the name on it (check_hostname=False)",
            ),
            _TrustCase(
                _Site("an impostor whose certificate a CA of the system's store signed", system, ("127.0.0.1",)),
                trusted=False,
                accepted_means="it trusts the CAs of the system's store as well as the one in ca_file: "
                "ssl.create_default_context() loads them, and load_verify_locations(ca_file) only adds to them. "
                "Build the context from ca_file alone: ssl.create_default_context(cafile=ca_file)",
            ),
        ]
        async with _serving_sites([case.site for case in cases]):
            with _system_store(system):
                for case in cases:
                    await _check_trust_case(fetch_trusting, call, case, str(yours.ca_path))


async def _check_trust_case(fetch_trusting, call: str, case: _TrustCase, ca_file: str) -> None:
    site, name = case.site, _token()
    url = site.page_url(name)
    result, exc = await outcome(fetch_trusting(url, ca_file))
    if case.trusted:
        if exc is not None and _is_certificate_error(exc):
            raise NotYet(
                f"for {site.description} {call} raised {type(exc).__name__} ({_reason(exc)}): it did not trust the "
                "CA in ca_file, which signed the server's certificate. Build the context with "
                "ssl.create_default_context(cafile=ca_file) and pass it as ssl="
            )
        if exc is not None:
            raise exc
        expect_type(result, str, call, "the text of the page")
        expect(
            result == site.text(name),
            f"for {site.description} {call} returned {result[:80]!r}; the page says {site.text(name)!r}: return "
            "await resp.text()",
        )
        return
    if exc is not None:
        if not _is_certificate_error(exc):
            raise exc
        return  # refused during the handshake: the impostor received nothing
    if site.received(name) and result == site.text(name):
        raise NotYet(
            f"{call} returned the page of {site.description}, which received your request, headers and all: "
            f"{case.accepted_means}. Let the ClientConnectorCertificateError an impostor causes reach the caller"
        )
    raise NotYet(
        f"{call} returned {result!r} for {site.description} instead of letting the certificate error reach the "
        "caller: an impostor is not an empty page. Do not catch ClientConnectorCertificateError"
    )


# ---------------------------------------------------------------------------------------------------
# 18.2 diagnose_tls: which TLS failure happened, from what aiohttp raises; any other error raised as it is.

LABELS = ("ok", "unknown-ca", "wrong-name", "not-tls")


@dataclass
class _DiagnosisCase:
    description: str
    expected: str | None
    """The label the function must return; None: it must raise (no TLS failure to diagnose)."""
    site: _Site | None = None
    host: str = "127.0.0.1"
    advice: dict[str, str] = field(default_factory=dict)
    """What to change when the function returns this label instead of the expected one."""


@contextlib.asynccontextmanager
async def _plain_http_server() -> AsyncIterator[int]:
    """A server that speaks plain http, on 127.0.0.1: the port an https URL is given for by mistake."""
    async with serving(web.Application()) as base:
        yield int(base.rsplit(":", 1)[1])


@contextlib.contextmanager
def _closed_port() -> Iterator[int]:
    """A port on 127.0.0.1 that is bound but not listening: a connection to it is refused, whoever asks."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


TRUST_ADVICE = {
    "unknown-ca": "Your client did not trust the CA in ca_file, which signed this certificate: pass "
    "ssl=ssl.create_default_context(cafile=ca_file)",
    "wrong-name": "The certificate is for this name: does your client check the name it was given?",
}
MISMATCH_ADVICE = (
    "OpenSSL says 'IP address mismatch' when the URL holds an IP address and 'Hostname mismatch' when it holds a "
    "name: both mean the certificate is for another name. Look at what both messages have in common (or at "
    "exc.certificate_error.verify_code: 64 and 62)"
)


@exercise(
    "18.2",
    "which TLS failure happened: unknown CA, wrong name, or no TLS at all",
    "diagnose_tls",
    (
        "Make the request trusting the CA you are given, and let it fail. The kind of exception aiohttp raises, "
        "and the reason OpenSSL gives inside it, say which failure it was. Only TLS failures get a label: anything "
        "else is the caller's to see.",
        "`aiohttp.ClientConnectorCertificateError` is a refused certificate: its `.certificate_error.verify_message` "
        "says why ('unable to get local issuer certificate', or a name mismatch). `aiohttp.ClientConnectorSSLError` "
        "is a handshake that never happened (the port speaks plain http). Catch those two, not their parent "
        "`aiohttp.ClientConnectorError`, which a refused connection raises too.",
    ),
)
async def check_diagnose_tls(diagnose_tls) -> None:
    call = "diagnose_tls(url, ca_file)"
    with _authorities(2) as (yours, another):
        server = _Site("the server", yours, ("127.0.0.1", "localhost"))
        impostor = _Site("a server whose certificate another CA signed", another, ("127.0.0.1", "localhost"))
        misnamed = _Site("a server with a certificate of your CA for other.test", yours, ("other.test",))
        cases = [
            _DiagnosisCase("the server, by its address", "ok", server, advice=TRUST_ADVICE),
            _DiagnosisCase("the server, by its name (localhost)", "ok", server, host="localhost", advice=TRUST_ADVICE),
            _DiagnosisCase(
                impostor.description,
                "unknown-ca",
                impostor,
                advice={"ok": "ssl=False checks nothing: trust the CA in ca_file, and no other"},
            ),
            _DiagnosisCase(
                f"{misnamed.description}, by its address (127.0.0.1)",
                "wrong-name",
                misnamed,
                advice={"unknown-ca": MISMATCH_ADVICE, "ok": "ssl=False (or check_hostname=False) checks no name"},
            ),
            _DiagnosisCase(
                f"{misnamed.description}, by its name (localhost)",
                "wrong-name",
                misnamed,
                host="localhost",
                advice={"unknown-ca": MISMATCH_ADVICE},
            ),
            _DiagnosisCase(
                "an https URL for a server that speaks plain http",
                "not-tls",
                advice={
                    "unknown-ca": "the server never sent a certificate: aiohttp raised ClientConnectorSSLError, not "
                    "ClientConnectorCertificateError"
                },
            ),
            _DiagnosisCase("a port where nothing listens", None),
        ]
        async with _serving_sites([server, impostor, misnamed]), _plain_http_server() as plain_port:
            with _closed_port() as closed_port:
                for case in cases:
                    if case.site is not None:
                        url = case.site.page_url(_token(), case.host)
                    else:
                        url = f"https://127.0.0.1:{plain_port if case.expected else closed_port}/page/{_token()}"
                    await _check_diagnosis(diagnose_tls, call, case, url, str(yours.ca_path))


async def _check_diagnosis(diagnose_tls, call: str, case: _DiagnosisCase, url: str, ca_file: str) -> None:
    result, exc = await outcome(diagnose_tls(url, ca_file))
    what = f"for {case.description} ({url})"
    if case.expected is None:
        if exc is not None:
            if isinstance(exc, aiohttp.ClientConnectionError | OSError):
                return  # the refusal reached the caller, as it should
            raise exc
        raise NotYet(
            f"{what} {call} returned {result!r}: that is no TLS failure, the connection was refused (aiohttp raises "
            "ClientConnectorError: Connect call failed). Catch the TLS errors only, ClientConnectorCertificateError "
            "and ClientConnectorSSLError, not their parent ClientConnectorError or ClientConnectionError, and let "
            "other errors reach the caller"
        )
    if exc is not None:
        if _is_certificate_error(exc):
            raise NotYet(
                f"{what} {call} raised {type(exc).__name__} ({_reason(exc)}) instead of returning {case.expected!r}: "
                "catch aiohttp.ClientConnectorCertificateError and tell the failure from its reason"
            )
        if isinstance(exc, aiohttp.ClientConnectorSSLError):
            raise NotYet(
                f"{what} {call} raised {type(exc).__name__} ({exc.os_error}) instead of returning "
                f"{case.expected!r}: that is a handshake that never happened, the server speaks plain http. "
                "Catch aiohttp.ClientConnectorSSLError too"
            )
        raise exc
    expect_type(result, str, call, "one of the labels " + ", ".join(repr(label) for label in LABELS))
    expect(result in LABELS, f"{what} {call} returned {result!r}; return one of the labels {', '.join(LABELS)}")
    if result != case.expected:
        advice = case.advice.get(result, "")
        raise NotYet(f"{what} {call} returned {result!r}; it is {case.expected!r}" + (f". {advice}" if advice else ""))


# ---------------------------------------------------------------------------------------------------
# 18.3 fetch_pinned: one exact certificate accepted, by its SHA-256; any other refused before a request is sent.


@exercise(
    "18.3",
    "a pinned certificate: that one accepted, any other refused before a request is sent",
    "fetch_pinned",
    (
        "Nobody gives you a CA this time: you know the server by the digest of its certificate, which you wrote "
        "down when you first met it. The client must compare that digest during the handshake, before it sends "
        "anything, and refuse any other certificate, even one a CA would vouch for.",
        "The pin is the SHA-256 of the certificate, as hex pairs with colons (what openssl prints). Turn it back "
        "into its 32 bytes with `bytes.fromhex(...)` (which does not skip colons), wrap them in "
        "`aiohttp.Fingerprint(...)` and pass that as `ssl=`: aiohttp raises `aiohttp.ServerFingerprintMismatch` "
        "for any other certificate.",
    ),
)
async def check_fetch_pinned(fetch_pinned) -> None:
    call = "fetch_pinned(url, pin)"
    with _authorities(2) as (first, another):
        pinned = _Site("the server whose certificate is pinned", first, ("127.0.0.1",))
        renewed = _Site(
            "a server with another certificate of the same CA, valid for 127.0.0.1 too",
            first,
            ("127.0.0.1", "pin.test"),
        )
        impostor = _Site("an impostor whose certificate another CA signed", another, ("127.0.0.1",))
        async with _serving_sites([pinned, renewed, impostor]):
            digest = _digest(pinned.certificate_pem)
            pin = digest.hex(":").upper()
            await _check_pinned_server(fetch_pinned, call, pinned, pin, digest)
            for site in (renewed, impostor):
                await _check_other_certificate(fetch_pinned, call, site, pin)


async def _check_pinned_server(fetch_pinned, call: str, site: _Site, pin: str, digest: bytes) -> None:
    name = _token()
    result, exc = await outcome(fetch_pinned(site.page_url(name), pin))
    if isinstance(exc, aiohttp.ServerFingerprintMismatch) and exc.expected != digest:
        raise NotYet(
            f"for {site.description} {call} raised ServerFingerprintMismatch: the digest given to Fingerprint is not "
            "the pin. The pin is already the certificate's SHA-256, written as hex pairs with colons: turn it back "
            "into its 32 bytes, remove the colons and decode the hex (do not hash it again)"
        )
    if isinstance(exc, ValueError) and "fromhex" in str(exc):
        raise NotYet(
            f"{call} raised ValueError: {exc}. bytes.fromhex skips spaces, not colons: remove the colons from the pin "
            "first (pin.replace(':', ''))"
        )
    if isinstance(exc, ValueError) and "fingerprint has invalid length" in str(exc):
        raise NotYet(
            f"{call} raised ValueError: {exc}. aiohttp.Fingerprint wants the 32 bytes of the SHA-256 digest, not the "
            "text of the pin: decode its hex first"
        )
    if exc is not None and _is_certificate_error(exc):
        raise NotYet(
            f"for {site.description} {call} raised {type(exc).__name__} ({_reason(exc)}): it checked the "
            "certificate against the CAs it trusts, and none signed this one. The pin is the check here: "
            "ssl=aiohttp.Fingerprint(digest) compares the certificate with the pin instead"
        )
    if exc is not None:
        raise exc
    expect_type(result, str, call, "the text of the page")
    expect(
        result == site.text(name),
        f"for {site.description} {call} returned {result[:80]!r}; the page says {site.text(name)!r}",
    )


async def _check_other_certificate(fetch_pinned, call: str, site: _Site, pin: str) -> None:
    name = _token()
    result, exc = await outcome(fetch_pinned(site.page_url(name), pin))
    received = site.received(name)
    if isinstance(exc, aiohttp.ServerFingerprintMismatch):
        return  # refused after the handshake, before the request: the server received nothing
    if received:
        later = "returned its page" if exc is None else f"raised {type(exc).__name__} only after the request had gone"
        raise NotYet(
            f"for {site.description} {call} {later}: the server received your request, headers and all, although "
            "its certificate is not the pinned one. Let aiohttp compare the pin during the handshake, before "
            "anything is sent: ssl=aiohttp.Fingerprint(digest)"
        )
    if exc is not None:
        raise NotYet(
            f"for {site.description} {call} raised {type(exc).__name__}: {exc}. Compare the pin on the connection "
            "the request goes over, as aiohttp does with ssl=aiohttp.Fingerprint(digest): it raises "
            "ServerFingerprintMismatch for any other certificate"
        )
    raise NotYet(
        f"{call} returned {result!r} for {site.description} instead of letting ServerFingerprintMismatch reach the "
        "caller: a refused certificate is not an empty page"
    )
