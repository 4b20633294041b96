"""Watching a ClientSession: how many connections it opens and reuses, and whether it was left unclosed."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import warnings
from collections.abc import Iterator
from typing import Any

import aiohttp

UNCLOSED_MESSAGES = ("Unclosed client session", "Unclosed connector", "Unclosed connection")
"""What aiohttp tells the event loop when the garbage collector frees something that was never closed."""


class ConnectionCounter:
    """Counts the connections sessions open and the ones they take again from their pool.

    Give its `trace_config` to each session to watch: ``ClientSession(trace_configs=[counter.trace_config])``.
    It listens to two of aiohttp's tracing signals (lesson 20 has them all): ``on_connection_create_end``, sent
    when a new TCP connection is ready, and ``on_connection_reuseconn``, sent when a request takes a
    kept-alive connection from the pool instead.
    """

    def __init__(self) -> None:
        self.created = 0
        self.reused = 0
        self.trace_config = aiohttp.TraceConfig()
        self.trace_config.on_connection_create_end.append(self._on_created)
        self.trace_config.on_connection_reuseconn.append(self._on_reused)

    async def _on_created(self, session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        self.created += 1

    async def _on_reused(self, session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        self.reused += 1

    def __repr__(self) -> str:
        return f"ConnectionCounter(created={self.created}, reused={self.reused})"


@contextlib.contextmanager
def unclosed_reports() -> Iterator[list[str]]:
    """Collect, into the list it yields, what aiohttp reports about sessions and connectors never closed.

    aiohttp reports them when the garbage collector frees them, through the event loop's exception handler,
    which writes them to stderr (in a notebook: under whichever cell happens to be running then). Inside the
    block they go to the list instead; the block ends with a garbage collection, so that what the block
    dropped is reported before it ends. The ResourceWarnings aiohttp also gives for them are silenced (they
    say the same); every other report goes to the loop's handler as usual.
    """
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()
    reports: list[str] = []

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = context.get("message", "")
        if message.startswith(UNCLOSED_MESSAGES):
            reports.append(message.splitlines()[0])
        elif previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(handler)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Unclosed", category=ResourceWarning)
            try:
                yield reports
            finally:
                gc.collect()
    finally:
        loop.set_exception_handler(previous)


@contextlib.contextmanager
def fail_on_unclosed() -> Iterator[None]:
    """Raise a ResourceWarning when the block ends if it left a session (or a connector) unclosed.

    What aiohttp would report on stderr some time later is raised here and now, in the cell that caused it.
    """
    with unclosed_reports() as reports:
        yield
    if reports:
        raise ResourceWarning(f"aiohttp reported {len(reports)} unclosed: " + "; ".join(reports))
