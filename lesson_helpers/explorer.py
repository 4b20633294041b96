"""An interactive request explorer (ipywidgets): pick a method, path, query, headers and body, see the answer."""

from __future__ import annotations

import aiohttp
import ipywidgets as widgets

from .sessions import ConnectionCounter

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")

_latest: RequestExplorer | None = None
"""The explorer opened last: opening a new one (re-running its cell) closes this one's session."""


class RequestExplorer:
    """A form that sends one request through its own `ClientSession` each time `send()` runs.

    Make one with ``explorer = await RequestExplorer.open(base_url)`` and show ``explorer.widget``. The
    button (``explorer.button``) does nothing by itself: give it a click handler that schedules
    ``explorer.send_and_show()``. All the requests go through one session, so they share its connection
    pool; ``await explorer.close()`` closes it.
    """

    def __init__(self, session: aiohttp.ClientSession, counter: ConnectionCounter) -> None:
        self.session = session
        self.counter = counter
        self.sent = 0
        wide = widgets.Layout(width="560px")
        self.method = widgets.Dropdown(options=METHODS, value="GET", description="method")
        self.path = widgets.Text(value="/anything/explorer", description="path", layout=wide)
        self.query = widgets.Text(value="page=2", description="query", placeholder="a=1&b=2", layout=wide)
        self.headers = widgets.Textarea(
            value="X-Lesson: 03", description="headers", placeholder="Name: value, one a line", layout=wide
        )
        self.body = widgets.Textarea(value="", description="body", placeholder="(none)", layout=wide)
        self.button = widgets.Button(description="Send", button_style="primary", icon="paper-plane")
        self.output = widgets.Output(layout=widgets.Layout(border="1px solid #ccc", padding="4px", width="720px"))
        self.widget = widgets.VBox(
            [self.method, self.path, self.query, self.headers, self.body, self.button, self.output]
        )

    @classmethod
    async def open(cls, base_url: str) -> RequestExplorer:
        """A new explorer whose session has `base_url`; the explorer opened before it is closed."""
        global _latest
        if _latest is not None:
            await _latest.close()
        counter = ConnectionCounter()
        _latest = cls(aiohttp.ClientSession(base_url, trace_configs=[counter.trace_config]), counter)
        return _latest

    async def close(self) -> None:
        await self.session.close()

    def _request_headers(self) -> dict[str, str]:
        headers = {}
        for line in self.headers.value.splitlines():
            if not line.strip():
                continue
            name, colon, value = line.partition(":")
            if not colon or not name.strip():
                raise ValueError(f"the header line {line!r} is not of the form 'Name: value'")
            headers[name.strip()] = value.strip()
        return headers

    async def send(self) -> str:
        """Send the request the form describes; the answer as text: status line, headers, body."""
        method = self.method.value
        body = self.body.value.encode() if self.body.value else None
        params = self.query.value or None
        async with self.session.request(
            method, self.path.value, params=params, headers=self._request_headers(), data=body
        ) as resp:
            text = await resp.text(errors="replace")
        self.sent += 1
        headers = "\n".join(f"{name}: {value}" for name, value in sorted(resp.headers.items()))
        return (
            f"{method} {resp.url} → {resp.status} {resp.reason}\n{headers}\n\n{text or '(no body)'}\n"
            f"(this explorer's session so far: {_count(self.sent, 'request')} sent, "
            f"{_count(self.counter.created, 'connection')} opened, {self.counter.reused} reused)"
        )

    async def send_and_show(self) -> str:
        """`send()`, with its answer (or what went wrong) shown below the form, and returned."""
        try:
            answer = await self.send()
        except (aiohttp.ClientError, ValueError, TimeoutError) as exc:
            answer = f"{type(exc).__name__}: {exc}"
        # One assignment of the widget's state: a clear_output() message next to an append could reach the
        # browser in either order, and leave the widget empty.
        self.output.outputs = ({"output_type": "stream", "name": "stdout", "text": answer + "\n"},)
        return answer


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
