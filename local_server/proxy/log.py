"""What the proxy saw: one entry per request, written before the proxy answers, readable from any thread."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from ..limits import DEFAULT_PROXY_MAX_LOG_ENTRIES


@dataclass
class ProxyLogEntry:
    """One request the proxy received, and what it did with it.

    `credentials` says what came in Proxy-Authorization: ``"none"``, ``"right"``, ``"wrong"`` (or not Basic
    credentials at all), or ``"ignored"`` when this proxy asks for none. `user` is the login that came (the
    password is never kept). `connected_to` is the one address the proxy connected to for it (None when it
    connected nowhere), and `ended`, for a tunnel, how it ended; it is filled in when the tunnel closes.
    """

    method: str
    target: str
    credentials: str
    status: int
    decision: str
    reason: str = ""
    user: str | None = None
    connected_to: str | None = None
    ended: str | None = None

    def __str__(self) -> str:
        """One line: the request and the answer (the reason, sent to the client too, is in `reason`)."""
        return f"{self.method} {self.target} -> {self.status} {self.decision} (credentials: {self.credentials})"


class ProxyLog:
    """The entries of one proxy, oldest first; the proxy's thread writes them, a notebook reads and clears them."""

    def __init__(self, max_entries: int = DEFAULT_PROXY_MAX_LOG_ENTRIES) -> None:
        self._entries: deque[ProxyLogEntry] = deque(maxlen=max_entries)
        self._lock = threading.Lock()

    def add(self, entry: ProxyLogEntry) -> ProxyLogEntry:
        with self._lock:
            self._entries.append(entry)
        return entry

    def entries(self) -> list[ProxyLogEntry]:
        """A copy of the entries so far, oldest first."""
        with self._lock:
            return list(self._entries)

    def take(self) -> list[ProxyLogEntry]:
        """The entries so far, oldest first, and an empty log after them: what happened since the last take."""
        with self._lock:
            entries = list(self._entries)
            self._entries.clear()
        return entries

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __str__(self) -> str:
        return "\n".join(str(entry) for entry in self.entries()) or "(nothing yet)"
