"""TLS on loopback: certificate authorities made at start-up, certificates they sign, and HTTPS echo servers.

Nothing secret is committed: `local_ca()` makes a CA with trustme the first time it is asked (once per
process, in a few milliseconds), keeps its keys in memory, and writes only the CA's certificate (public) to
a temporary folder, removed when the process ends, so that a lesson can trust it the way real code trusts a
private CA: ``ssl.create_default_context(cafile=local_ca().ca_path)``.

The server certificate names ``127.0.0.1``, ``::1``, ``localhost`` and ``echo.test`` (with ``*.echo.test``;
OpenSSL never matches a wildcard right under a top-level name such as ``*.test``, so names are listed).
`start_tls_server()` serves the echo app over HTTPS on 127.0.0.1, in a thread of its own (lesson 14 reaches
it through the proxy's CONNECT tunnel; lesson 18 is about TLS itself).

`start_tls_server(certificate=...)` picks what the listener presents, one listener of each kind per process
(a re-run cell gets the running one back), all stopped at exit (`CERTIFICATES` says what each kind is):

- ``"valid"`` (the default): `local_ca()`'s certificate for `SERVER_NAMES`;
- ``"wrong-name"``: a certificate `local_ca()` signed for `WRONG_NAMES` only, so every URL of the course names
  another host than the certificate does (OpenSSL: "Hostname mismatch" / "IP address mismatch");
- ``"unknown-ca"``: a certificate for `SERVER_NAMES` signed by `impostor_ca()`, a second CA of this process that
  nobody is told to trust (OpenSSL: "unable to get local issuer certificate").
"""

from __future__ import annotations

import asyncio
import atexit
import shutil
import ssl
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from aiohttp import web

from .background import BackgroundLoop
from .runner import HOST, open_site

if TYPE_CHECKING:
    import trustme

SERVER_NAMES = ("127.0.0.1", "::1", "localhost", "echo.test", "*.echo.test")
"""The names the local server certificate is valid for."""
ORGANIZATION = "aiohttp course local CA"
WRONG_NAMES = ("wrong.test",)
"""The only name on the "wrong-name" listener's certificate: no URL of the course names it."""
IMPOSTOR_ORGANIZATION = "aiohttp course impostor CA"
"""The organization of `impostor_ca()`: a name anybody may give a CA, which is why only signatures count."""
CERTIFICATES = {
    "valid": "signed by the local CA for 127.0.0.1, ::1, localhost and echo.test",
    "wrong-name": "signed by the local CA, for wrong.test only",
    "unknown-ca": "for 127.0.0.1, ::1, localhost and echo.test, signed by a CA nobody trusts",
}
"""What each `start_tls_server(certificate=...)` listener presents."""


class LocalCA:
    """A certificate authority of this process: its certificate in `ca_pem` and at `ca_path`, keys in memory only."""

    def __init__(self, organization: str = ORGANIZATION) -> None:
        import trustme  # here, not at the top: every lesson imports local_server, few need a CA

        self._ca = trustme.CA(organization_name=organization)
        self._folder = Path(tempfile.mkdtemp(prefix="aiohttp-course-ca-"))
        self.ca_path = self._folder / "local-ca.pem"
        self._ca.cert_pem.write_to_path(str(self.ca_path))
        self._leaves: dict[tuple[str, ...], trustme.LeafCert] = {}
        self._lock = threading.Lock()

    @property
    def ca_pem(self) -> bytes:
        """The CA's certificate, PEM-encoded: what a client trusts (`ssl.create_default_context(cadata=...)`)."""
        return self._ca.cert_pem.bytes()

    def leaf(self, *names: str) -> trustme.LeafCert:
        """A server certificate for `names` (default: `SERVER_NAMES`), signed by this CA; made once per set of names."""
        names = names or SERVER_NAMES
        with self._lock:
            if names not in self._leaves:
                self._leaves[names] = self._ca.issue_cert(*names)
            return self._leaves[names]

    def server_context(self, *names: str) -> ssl.SSLContext:
        """A new server-side context presenting a certificate for `names` (default: `SERVER_NAMES`)."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.leaf(*names).configure_cert(context)
        return context

    def client_context(self) -> ssl.SSLContext:
        """A new client-side context that trusts this CA (and nothing else), checking names as usual."""
        return ssl.create_default_context(cadata=self.ca_pem.decode("ascii"))

    def cleanup(self) -> None:
        """Remove the folder that holds the CA's certificate file."""
        shutil.rmtree(self._folder, ignore_errors=True)


_cas: dict[str, LocalCA] = {}
_ca_lock = threading.Lock()


def _process_ca(organization: str) -> LocalCA:
    with _ca_lock:
        if organization not in _cas:
            _cas[organization] = LocalCA(organization)
            atexit.register(_cas[organization].cleanup)
        return _cas[organization]


def local_ca() -> LocalCA:
    """The CA of this process, made the first time it is asked for."""
    return _process_ca(ORGANIZATION)


def impostor_ca() -> LocalCA:
    """A second CA of this process, that nobody is told to trust: it signs the "unknown-ca" listener's certificate."""
    return _process_ca(IMPOSTOR_ORGANIZATION)


def _issuer_and_names(certificate: str) -> tuple[LocalCA, tuple[str, ...]]:
    """Who signs the certificate of a `CERTIFICATES` kind, and for which names."""
    if certificate == "valid":
        return local_ca(), SERVER_NAMES
    if certificate == "wrong-name":
        return local_ca(), WRONG_NAMES
    if certificate == "unknown-ca":
        return impostor_ca(), SERVER_NAMES
    kinds = ", ".join(repr(kind) for kind in CERTIFICATES)
    raise ValueError(f"certificate={certificate!r} is not a kind of listener; choose one of {kinds}")


@dataclass
class TLSServer:
    """A running HTTPS echo server on 127.0.0.1: `url` is ``https://127.0.0.1:PORT``.

    `certificate` is the kind of certificate it presents (a key of `CERTIFICATES`), and `certificate_pem` that
    certificate, PEM-encoded (what a client pins); both are None for a server given a `server_context` of its own.
    """

    host: str
    port: int
    _runner: web.AppRunner = field(repr=False)
    _background: BackgroundLoop = field(repr=False)
    certificate: str | None = None
    certificate_pem: bytes | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._background.alive

    def stop(self) -> None:
        if self._background.alive:
            try:
                self._background.run(self._runner.cleanup())
            finally:
                self._background.stop()
        with _server_lock:
            for kind, server in list(_shared.items()):
                if server is self:
                    del _shared[kind]

    def __enter__(self) -> TLSServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


_shared: dict[str, TLSServer] = {}
"""The listener of each kind that `start_tls_server()` hands out again (a re-run cell reuses it)."""
_server_lock = threading.Lock()


def start_tls_server_in_thread(
    server_context: ssl.SSLContext | None = None, *, certificate: str = "valid", reuse: bool = True
) -> TLSServer:
    """Serve the echo app over HTTPS on 127.0.0.1 (a free port), or return the one of that kind already running.

    `certificate` picks what it presents (see `CERTIFICATES`): ``"valid"`` (the default), ``"wrong-name"`` or
    ``"unknown-ca"``. A `server_context` of your own (another certificate: an impostor, in a check) or
    ``reuse=False`` always starts a new server, which you stop.
    """
    if server_context is not None and certificate != "valid":
        raise ValueError("give a server_context of your own or a certificate kind, not both")
    shared = reuse and server_context is None
    with _server_lock:
        running = _shared.get(certificate)
        if shared and running is not None and running.running:
            return running
        kind: str | None = None
        pem: bytes | None = None
        if server_context is None:
            issuer, names = _issuer_and_names(certificate)
            server_context = issuer.server_context(*names)
            kind, pem = certificate, issuer.leaf(*names).cert_chain_pems[0].bytes()
        background = BackgroundLoop(f"local-tls-server-{kind or 'own'}")
        try:
            runner, port = background.run(open_site(0, access_log=None, ssl_context=server_context))
        except BaseException:
            background.stop()
            raise
        server = TLSServer(HOST, port, runner, background, kind, pem)
        if shared:
            _shared[certificate] = server
        return server


async def start_tls_server(
    server_context: ssl.SSLContext | None = None, *, certificate: str = "valid", reuse: bool = True
) -> TLSServer:
    """`start_tls_server_in_thread` from async code: ``tls_server = await start_tls_server()``.

    ``impostor = await start_tls_server(certificate="unknown-ca")`` (or ``"wrong-name"``) starts a listener whose
    certificate a client that trusts `local_ca()` refuses, once per process: a re-run gives the running one back.
    """
    return await asyncio.to_thread(start_tls_server_in_thread, server_context, certificate=certificate, reuse=reuse)


def stop_tls_server() -> None:
    """Stop every HTTPS echo server that `start_tls_server()` hands out (one of each kind), if they run."""
    for server in list(_shared.values()):
        server.stop()


atexit.register(stop_tls_server)
