"""A live dashboard for lesson 23's crawler (ipywidgets): pages done, answers by status, requests in flight.

``dashboard = CrawlDashboard(limit=4)`` and ``display(dashboard.widget)`` show it; it then changes while a crawl
runs, from two sources:

- its `trace_config`, given to the crawl's session (``ClientSession(trace_configs=[dashboard.trace_config])``),
  counts the session's requests: one is *in flight* from aiohttp's ``on_request_start`` signal until the headers of
  its answer arrive (``on_request_end``) or it fails (``on_request_exception``: a timeout, too many redirects), and
  each answer is counted by its status, each failure by its kind;
- the crawler's workers call `page_done(done, known)` after each URL they finish: the progress bar of pages.

`run(crawl)` runs one crawl with the dashboard reset and its button disabled, and shows how it ended (or what it
raised). Its ``reraise=False`` is for a button's handler: the error is shown in the dashboard and not raised,
because a task nobody awaits would send it to JupyterLab's log console instead. Everything runs on the kernel's
event loop, so the counters need no lock.
"""

from __future__ import annotations

import html
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
import ipywidgets as widgets

T = TypeVar("T")

FAILURE_NAMES = {aiohttp.TooManyRedirects: "too many redirects", TimeoutError: "timeout"}
"""How the answers line names a request that got no answer, by the exception it raised (others: its class name)."""


class CrawlDashboard:
    """Widgets that follow one crawl at a time: a title line, pages done, requests in flight, answers by status.

    `limit` is the most requests the crawler means to have in flight at once (its number of workers): the in-flight
    bar goes up to it, and the line under it says when the most seen went past it. `button` ("Crawl again") does
    nothing by itself: give it a click handler that schedules ``dashboard.run(..., reraise=False)``.
    """

    def __init__(self, limit: int, title: str = "Crawl") -> None:
        self.limit = limit
        self.name = title
        self.runs = 0
        self.running = False
        self.in_flight = 0
        self.most_in_flight = 0
        self.answers: Counter[str] = Counter()
        self.trace_config = aiohttp.TraceConfig()
        self.trace_config.on_request_start.append(self._on_request_start)
        self.trace_config.on_request_end.append(self._on_request_end)
        self.trace_config.on_request_exception.append(self._on_request_exception)

        self.title = widgets.HTML(value=f"<b>{html.escape(title)}</b>: not started yet")
        self.pages = widgets.IntProgress(value=0, min=0, max=1, description="pages", bar_style="info")
        self.pages_line = widgets.Label(value="0 done of 0 known")
        self.flight = widgets.IntProgress(value=0, min=0, max=limit, description="in flight", bar_style="success")
        self.flight_line = widgets.Label(value=f"now 0, at most 0 (limit {limit})")
        self.answers_line = widgets.HTML(value="answers: none yet")
        self.button = widgets.Button(description="Crawl again", icon="refresh", button_style="primary")
        self.widget = widgets.VBox(
            [
                self.title,
                widgets.HBox([self.pages, self.pages_line]),
                widgets.HBox([self.flight, self.flight_line]),
                self.answers_line,
                self.button,
            ]
        )

    # --- what the session and the workers report ------------------------------------------------------------

    async def _on_request_start(self, session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self._show_flight()

    async def _on_request_end(self, session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        self._answered(str(params.response.status))

    async def _on_request_exception(self, session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        kind = type(params.exception)
        name = next((name for cls, name in FAILURE_NAMES.items() if issubclass(kind, cls)), kind.__name__)
        self._answered(name)

    def _answered(self, outcome: str) -> None:
        self.in_flight -= 1
        self.answers[outcome] += 1
        self._show_flight()
        statuses = sorted((key for key in self.answers if key.isdigit()), key=int)
        others = sorted(key for key in self.answers if not key.isdigit())
        self.answers_line.value = "answers: " + " · ".join(
            f"<b>{html.escape(key)}</b> × {self.answers[key]}" for key in statuses + others
        )

    def _show_flight(self) -> None:
        self.flight.value = min(self.in_flight, self.limit)
        over = f", over the limit of {self.limit}!" if self.most_in_flight > self.limit else f" (limit {self.limit})"
        self.flight_line.value = f"now {self.in_flight}, at most {self.most_in_flight}{over}"
        self.flight.bar_style = "danger" if self.most_in_flight > self.limit else "success"

    def page_done(self, done: int, known: int) -> None:
        """A worker finished a URL: `done` URLs are finished, of the `known` ones found so far (the bar's end)."""
        self.pages.max = max(known, 1)
        self.pages.value = done
        self.pages_line.value = f"{done} done of {known} known"

    # --- running a crawl ----------------------------------------------------------------------------------

    def _reset(self) -> None:
        self.in_flight = self.most_in_flight = 0
        self.answers.clear()
        self.page_done(0, 0)
        self._show_flight()
        self.answers_line.value = "answers: none yet"

    async def run(self, crawl: Callable[[], Awaitable[T]], *, reraise: bool = True) -> T | None:
        """Run ``await crawl()`` with the dashboard reset and its button disabled; return what it returned.

        The title line says when it finished, or what it raised. With ``reraise=False`` (a button's handler) an
        exception is only shown, and None returned. A second crawl while one runs is refused the same way: the
        counters are shared, so two crawls at once would mix them up.
        """
        if self.running:
            self.title.value = f"<b>{html.escape(self.name)} {self.runs}</b>: still running; wait for it to end"
            return None
        self.running = True
        self.button.disabled = True
        self.runs += 1
        self._reset()
        name = f"<b>{html.escape(self.name)} {self.runs}</b>"
        self.title.value = f"{name}: running…"
        started = time.monotonic()
        try:
            result = await crawl()
        except Exception as exc:  # shown in the dashboard; raised again for a cell, never into the log console
            self.title.value = (
                f"{name}: <span style='color: #b00'>failed: {html.escape(type(exc).__name__)}: "
                f"{html.escape(str(exc))}</span>"
            )
            if reraise:
                raise
            return None
        finally:
            self.running = False
            self.button.disabled = False
        self.title.value = f"{name}: done in {time.monotonic() - started:.1f} s"
        return result
