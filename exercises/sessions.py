"""Sessions seen from a check: the one it hands to the learner's function, and the ones the learner's code makes.

A task that says "use the session you are given" is checked with `given_session()`: the check knows which
requests went through that session, and that the function left it open for its owner. `sessions_made()`
notes every `ClientSession` created while the learner's code runs (`aiohttp.request()` makes one a request).
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field

import aiohttp

from .core import expect


def expect_session_open(session: aiohttp.ClientSession, call: str) -> None:
    """The learner's function left open the session it was given."""
    expect(not session.closed, f"{call} closed the session it was given: the caller owns it and closes it when done")


@dataclass
class GivenSession:
    """The session a check gives the learner's function, with the URLs of the requests started through it."""

    session: aiohttp.ClientSession
    started: list[str] = field(default_factory=list)

    def expect_used(self, call: str, expected: int | None = None) -> None:
        """The function left the session open and made its requests through it (exactly `expected`, when given)."""
        expect_session_open(self.session, call)
        expect(
            self.started,
            f"{call} made no request through the session it was given: send them with it (`session.get(url)`, "
            "`session.post(url, ...)`), not with a session (or aiohttp.request) of its own, so that all requests "
            "share one connection pool",
        )
        if expected is not None:
            expect(
                len(self.started) == expected,
                f"{call} made {len(self.started)} requests through the session for {expected} calls: "
                "make one request per call",
            )


@asynccontextmanager
async def given_session(**session_options) -> AsyncIterator[GivenSession]:
    """A session for the learner's function that notes each request started through it; closed at the end.

    `session_options` go to `aiohttp.ClientSession` (a `connector=` with a small pool, say).
    """
    started: list[str] = []

    async def note_start(session, context, params: aiohttp.TraceRequestStartParams) -> None:
        started.append(str(params.url))

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(note_start)
    async with aiohttp.ClientSession(trace_configs=[trace], **session_options) as session:
        yield GivenSession(session, started)


@contextmanager
def sessions_made() -> Iterator[list[aiohttp.ClientSession]]:
    """Note every ClientSession made while the block runs (`aiohttp.request()` makes one per request)."""
    made: list[aiohttp.ClientSession] = []
    original_init = aiohttp.ClientSession.__init__

    @functools.wraps(original_init)
    def noting_init(session: aiohttp.ClientSession, *args, **kwargs) -> None:
        original_init(session, *args, **kwargs)
        made.append(session)

    aiohttp.ClientSession.__init__ = noting_init
    try:
        yield made
    finally:
        aiohttp.ClientSession.__init__ = original_init


@asynccontextmanager
async def closing_sessions_made() -> AsyncIterator[list[aiohttp.ClientSession]]:
    """`sessions_made()`, and at the end close the sessions the learner's code left open (the check says so)."""
    with sessions_made() as sessions:
        try:
            yield sessions
        finally:
            for session in sessions:
                if not session.closed:
                    await session.close()
