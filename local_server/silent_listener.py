"""A TCP port on 127.0.0.1 that listens but never accepts: a connection to it hangs until a timeout ends it.

This is what a host that is up but overloaded (or a firewall that drops packets) looks like from the client:
the TCP handshake never completes, so `ClientTimeout(connect=…)` or `sock_connect=…` is what ends the wait.

The socket listens with a backlog of 0 and is never accepted from; a few connections made here fill its queue,
so the kernel drops the SYN of every later connection (Linux and macOS do; Windows refuses it instead).
"""

from __future__ import annotations

import socket
from types import TracebackType

HOST = "127.0.0.1"
QUEUE_FILLERS = 4
"""Connections opened to fill the listen queue (Linux keeps backlog + 1 of them; the rest wait in SYN-SENT)."""


class SilentListener:
    """``with SilentListener() as url:``: ``url`` is ``http://127.0.0.1:PORT/`` on a port that never answers."""

    def __init__(self) -> None:
        self._listener: socket.socket | None = None
        self._fillers: list[socket.socket] = []

    @property
    def url(self) -> str:
        if self._listener is None:
            raise RuntimeError("the listener is not open: use `with SilentListener() as url:`")
        return f"http://{HOST}:{self._listener.getsockname()[1]}/"

    def open(self) -> str:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind((HOST, 0))
        self._listener.listen(0)
        for _ in range(QUEUE_FILLERS):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            filler.connect_ex(self._listener.getsockname())  # EINPROGRESS: the handshake may never finish
            self._fillers.append(filler)
        return self.url

    def close(self) -> None:
        for sock in [*self._fillers, self._listener]:
            if sock is not None:
                sock.close()
        self._fillers, self._listener = [], None

    def __enter__(self) -> str:
        return self.open()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
