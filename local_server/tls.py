"""TLS on loopback: a certificate authority made at start-up, certificates it signs, and an HTTPS echo server.

Nothing secret is committed: `local_ca()` makes a CA with trustme the first time it is asked (once per
process, in a few milliseconds), keeps its keys in memory, and writes only the CA's certificate (public) to
a temporary folder, removed when the process ends, so that a lesson can trust it the way real code trusts a
private CA: ``ssl.create_default_context(cafile=local_ca().ca_path)``.

The server certificate names ``127.0.0.1``, ``::1``, ``localhost`` and ``echo.test`` (with ``*.echo.test``;
OpenSSL never matches a wildcard right under a top-level name such as ``*.test``, so names are listed).
`start_tls_server()` serves the echo app over HTTPS on 127.0.0.1, in a thread of its own (lesson 14 reaches
it through the proxy's CONNECT tunnel; lesson 18 is about TLS itself).
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


class LocalCA:
    """A certificate authority of this process: its certificate in `ca_pem` and at `ca_path`, keys in memory only."""

    def __init__(self) -> None:
        import trustme  # here, not at the top: every lesson imports local_server, few need a CA

        self._ca = trustme.CA(organization_name=ORGANIZATION)
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


_ca: LocalCA | None = None
_ca_lock = threading.Lock()


def local_ca() -> LocalCA:
    """The CA of this process, made the first time it is asked for."""
    global _ca
    with _ca_lock:
        if _ca is None:
            _ca = LocalCA()
            atexit.register(_ca.cleanup)
        return _ca


@dataclass
class TLSServer:
    """A running HTTPS echo server on 127.0.0.1: `url` is ``https://127.0.0.1:PORT``."""

    host: str
    port: int
    _runner: web.AppRunner = field(repr=False)
    _background: BackgroundLoop = field(repr=False)

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._background.alive

    def stop(self) -> None:
        global _shared
        if self._background.alive:
            try:
                self._background.run(self._runner.cleanup())
            finally:
                self._background.stop()
        with _server_lock:
            if _shared is self:
                _shared = None

    def __enter__(self) -> TLSServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


_shared: TLSServer | None = None
_server_lock = threading.Lock()


def start_tls_server_in_thread(server_context: ssl.SSLContext | None = None, *, reuse: bool = True) -> TLSServer:
    """Serve the echo app over HTTPS on 127.0.0.1 (a free port), or return the one already running.

    By default it presents `local_ca()`'s certificate for `SERVER_NAMES`. A `server_context` of your own
    (another certificate: an impostor, in a check) or ``reuse=False`` always starts a new server, which you stop.
    """
    global _shared
    shared = reuse and server_context is None
    with _server_lock:
        if shared and _shared is not None and _shared.running:
            return _shared
        context = server_context or local_ca().server_context()
        background = BackgroundLoop("local-tls-server")
        try:
            runner, port = background.run(open_site(0, access_log=None, ssl_context=context))
        except BaseException:
            background.stop()
            raise
        server = TLSServer(HOST, port, runner, background)
        if shared:
            _shared = server
        return server


async def start_tls_server(server_context: ssl.SSLContext | None = None, *, reuse: bool = True) -> TLSServer:
    """`start_tls_server_in_thread` from async code: ``tls_server = await start_tls_server()``."""
    return await asyncio.to_thread(start_tls_server_in_thread, server_context, reuse=reuse)


def stop_tls_server() -> None:
    """Stop the shared HTTPS echo server, if it runs."""
    if _shared is not None:
        _shared.stop()


atexit.register(stop_tls_server)
