"""Exercises of lesson 08: every hop of a redirect chain, where a redirect leads without going there, a bounded chain.

Each check serves redirect chains of its own, of random lengths and mixed statuses (301, 302, 303, 307,
308), with Location headers written every way a server may write them (an absolute path, a path relative to
the current one, a full URL, another origin), from a small aiohttp.web app on 127.0.0.1
(`check_server.serving`). Its `RequestLog` says which pages were requested, and how many times: what a
function that should not follow a redirect, or should stop following, must not have asked for.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web
from yarl import URL

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type
from .sessions import GivenSession, given_session

REDIRECT_STATUSES = (301, 302, 303, 307, 308)


# ---------------------------------------------------------------------------------------------------
# What the three checks share: a server that answers each path as planned, and a session that notes its use.


@dataclass(frozen=True)
class _Page:
    """One planned answer: a redirect (`status` with `location`) or a JSON page (`status` with `body`)."""

    status: int
    location: str | None = None
    body: dict | None = None


@dataclass
class _PlannedServer:
    """Answers each path in `pages` as planned (404 for any other); `log` notes every request it got."""

    pages: dict[str, _Page] = field(default_factory=dict)
    log: RequestLog = field(default_factory=RequestLog)

    async def answer(self, request: web.Request) -> web.Response:
        page = self.pages.get(request.path)
        if page is None:
            raise web.HTTPNotFound()
        if page.location is not None:
            return web.Response(status=page.status, headers={"Location": page.location})
        return web.json_response(page.body, status=page.status)

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.log.middleware])
        app.router.add_route("*", "/{tail:.*}", self.answer)
        return app

    def times_requested(self, path: str) -> int:
        return sum(URL(seen.path_qs).path == path for seen in self.log.requests)

    def requests_under(self, prefix: str) -> int:
        return sum(URL(seen.path_qs).path.startswith(prefix) for seen in self.log.requests)


@asynccontextmanager
async def _serving(server: _PlannedServer) -> AsyncIterator[tuple[URL, GivenSession]]:
    """Serve `server` on 127.0.0.1; yield its base URL and a session for the learner's function."""
    async with serving(server.app()) as base, given_session() as given:
        yield URL(base), given


def _token() -> str:
    """A value the learner cannot know in advance: the answer must come from the server."""
    return secrets.token_hex(4)


def _mixed_statuses(count: int) -> list[int]:
    """`count` redirect statuses, as varied as the count allows, in random order."""
    statuses = random.sample(REDIRECT_STATUSES, k=min(count, len(REDIRECT_STATUSES)))
    statuses += random.choices(REDIRECT_STATUSES, k=count - len(statuses))
    random.shuffle(statuses)
    return statuses


def _plan_chain(server: _PlannedServer, base: URL, prefix: str, statuses: list[int], body: dict) -> list[str]:
    """Plan the redirects `prefix`0 → `prefix`1 → … → `prefix`end (a JSON page); return the hops' Locations.

    The Locations take turns at the three ways a server writes one: an absolute path, a path relative to
    the current page (with a query), and a full URL.
    """
    paths = [f"{prefix}{i}" for i in range(len(statuses))] + [f"{prefix}end"]
    styles = random.sample(("absolute-path", "relative", "full-url"), k=3)
    locations = []
    for i, status in enumerate(statuses):
        target = paths[i + 1]
        style = styles[i % len(styles)]
        if style == "absolute-path":
            location = target
        elif style == "relative":
            location = f"{target.rsplit('/', 1)[1]}?from={i}"
        else:
            location = str(base.with_path(target))
        server.pages[paths[i]] = _Page(status, location=location)
        locations.append(location)
    server.pages[paths[-1]] = _Page(200, body=body)
    return locations


# ---------------------------------------------------------------------------------------------------
# 08.1 redirect_chain: (status, Location) of every redirect on the way, as the server sent them.


def _what_is_wrong_with_chain(got: list, expected: list[tuple[int, str]], hop_urls: list[str]) -> str:
    """Say what a wrong list of hops is: the final response added, the first hop missing, the wrong field.

    `hop_urls` are the URLs requested on the way, the final one included: each Location resolved against
    the URL that sent it.
    """
    call = f"for a chain of {len(expected)} redirects redirect_chain returned {got!r}"
    if not got:
        return (
            f"{call}: resp.history is empty when the redirects were not followed (allow_redirects=False?). Let "
            "aiohttp follow them, then read resp.history"
        )
    if len(got) == len(expected) + 1 and got[:-1] == expected:
        return (
            f"{call}: its last item is the final response, which is not a redirect. resp.history holds only the "
            "redirects, in order; leave the final response out"
        )
    if got == expected[1:]:
        return (
            f"{call}: it misses the first hop. resp.history[0] is the redirect that answered the URL you asked "
            "for: start there"
        )
    statuses_right = len(got) == len(expected) and [hop[0] for hop in got] == [hop[0] for hop in expected]
    locations = [hop[1] for hop in got]
    if statuses_right and locations == hop_urls[:-1]:
        return (
            f"{call}: those are the URLs of the hops (hop.url), where each redirect came from. The task asks "
            "where each one pointed: the Location header of each response in resp.history"
        )
    if statuses_right and locations == hop_urls[1:]:
        return (
            f"{call}: you resolved each Location into a full URL. Return the Location header exactly as the "
            "server sent it, relative or not: hop.headers['Location']"
        )
    return f"{call}; the server sent these redirects, in order: {expected!r}"


@exercise(
    "08.1",
    "every hop of a redirect chain, with its status and Location",
    "redirect_chain",
    (
        "Let aiohttp follow the chain to its end: the final response remembers each redirect it went through, "
        "in order, and each of those responses still has its status and its headers.",
        "Inside `async with session.get(url) as resp:`, `resp.history` is a tuple of the redirect responses, "
        "the first one answering the URL you asked for. Each has `.status` and `.headers['Location']`. "
        "Build the list of pairs from them; the final response itself is not a redirect, and is not in it.",
    ),
)
async def check_redirect_chain(redirect_chain) -> None:
    server = _PlannedServer()
    async with _serving(server) as (base, noting):
        first, second = random.sample(range(2, 7), k=2)
        for length in (first, second, 0):
            token = _token()
            prefix = f"/chain/{token}/"
            statuses = _mixed_statuses(length)
            locations = _plan_chain(server, base, prefix, statuses, {"token": token})
            expected = list(zip(statuses, locations, strict=True))
            start = prefix + ("0" if length else "end")
            call = f"redirect_chain(session, url) for a chain of {length} redirects"
            got = await redirect_chain(noting.session, str(base.with_path(start)))
            expect_type(got, list, "redirect_chain(session, url)", "a list of (status, Location) tuples")
            for hop in got:
                expect(
                    isinstance(hop, tuple | list) and len(hop) == 2,
                    f"{call} returned a list holding {hop!r}: each item must be a (status, Location) tuple",
                )
            got = [tuple(hop) for hop in got]
            if length == 0:
                expect(
                    got == [],
                    f"for a URL that answers 200 at once, with no redirect, redirect_chain returned {got!r}: "
                    "there were no redirects, so return an empty list (resp.history is empty)",
                )
                continue
            hop_urls = [str(base.with_path(start))]
            for location in locations:
                hop_urls.append(str(URL(hop_urls[-1]).join(URL(location))))
            expect(got == expected, _what_is_wrong_with_chain(got, expected, hop_urls))
        noting.expect_used("redirect_chain")


# ---------------------------------------------------------------------------------------------------
# 08.2 redirect_target: where a URL redirects to, as a full URL, without requesting it.


@dataclass(frozen=True)
class _TargetCase:
    path: str
    status: int
    location: str | None
    """The Location the page sends (None: it answers 200, no redirect)."""
    target_path: str | None
    """The path the Location leads to, on the check's server; the learner's code must never request it."""


def _target_cases(base: URL, token: str) -> list[_TargetCase]:
    other_origin = base.with_host("localhost")  # the same server, another origin
    return [
        _TargetCase(f"/a/{token}/start", 302, f"/moved/{token}", f"/moved/{token}"),
        _TargetCase(f"/docs/{token}/v1/page", 301, "../v2/page?from=v1", f"/docs/{token}/v2/page"),
        _TargetCase(f"/out/{token}", 307, str(other_origin.with_path(f"/elsewhere/{token}")), f"/elsewhere/{token}"),
        _TargetCase(f"/b/{token}/list", 303, "next?page=2", f"/b/{token}/next"),
        _TargetCase(f"/stay/{token}", 200, None, None),
    ]


def _what_is_wrong_with_target(case: _TargetCase, got: object, expected: str) -> str:
    asked = f"{case.path} answers {case.status} with Location {case.location!r}"
    if got is None:
        return (
            f"redirect_target returned None for a URL that answers {case.status} with a Location header: every "
            "301, 302, 303, 307 and 308 with a Location is a redirect. Return the full URL it leads to, as a str "
            "(is the `return` missing?)"
        )
    if got == case.location:
        return (
            f"{asked}, and redirect_target returned the Location as sent: it is relative to the URL that sent "
            f"it. Resolve it into the full URL it leads to ({expected}): resp.url.join(URL(location))"
        )
    return f"{asked}, which leads to {expected}; redirect_target returned {got!r}"


@exercise(
    "08.2",
    "where a URL redirects to, without going there",
    "redirect_target",
    (
        "Ask for the URL, but tell aiohttp not to follow the redirect: the response you get is the redirect "
        "itself. Its Location header says where it leads, often relative to the URL that answered; a "
        "response that is not a redirect has no such header.",
        "`session.get(url, allow_redirects=False)` gives the 3xx response itself. Check `resp.status` against "
        "the redirect statuses (301, 302, 303, 307, 308), read `resp.headers['Location']`, and resolve it "
        "with `resp.url.join(URL(location))`, URL being yarl's; return that as a str, or None.",
    ),
)
async def check_redirect_target(redirect_target) -> None:
    server = _PlannedServer()
    token = _token()
    async with _serving(server) as (base, noting):
        cases = _target_cases(base, token)
        for case in cases:
            if case.location is None:
                server.pages[case.path] = _Page(200, body={"token": token})
            else:
                server.pages[case.path] = _Page(case.status, location=case.location)
                server.pages[case.target_path] = _Page(200, body={"token": token, "arrived": True})
        for case in cases:
            url = str(base.with_path(case.path))
            try:
                got = await redirect_target(noting.session, url)
            except KeyError as exc:
                if case.location is not None:
                    raise
                raise NotYet(
                    f"for {case.path}, which answers 200 with no redirect, your function raised KeyError: {exc}. "
                    "A response that is not a redirect has no Location header: return None for it"
                ) from None
            if case.target_path is not None:
                expect(
                    not server.times_requested(case.target_path),
                    f"{case.path} answers {case.status} with Location {case.location!r}, and your function "
                    f"requested {case.target_path}, the page it leads to: the task is to find where it leads "
                    "without going there. Pass allow_redirects=False, and read the redirect itself",
                )
            if case.location is None:
                expect(
                    got is None,
                    f"{case.path} answers 200, with no redirect, and redirect_target returned {got!r}: "
                    "return None when the response is not a redirect",
                )
                continue
            expected = str(base.with_path(case.path).join(URL(case.location)))
            if got is not None:
                expect_type(got, str, "redirect_target", "the full URL the redirect leads to, as a str")
            expect(got == expected, _what_is_wrong_with_target(case, got, expected))
        noting.expect_used("redirect_target")


# ---------------------------------------------------------------------------------------------------
# 08.3 fetch_within: follow at most max_hops redirects; None for a longer chain or a loop.


@exercise(
    "08.3",
    "follow at most max_hops redirects, and give up on longer chains and loops",
    "fetch_within",
    (
        "aiohttp can stop following a chain for you, with a limit, and it raises an exception when the limit "
        "is reached. Mind how it counts: find out in the lesson which limit lets exactly max_hops redirects "
        "through and stops at the next one.",
        "`session.get(url, max_redirects=...)` raises `aiohttp.TooManyRedirects` as soon as the max_redirects-th "
        "redirect arrives, so it follows at most max_redirects - 1: pass `max_hops + 1`. Catch the exception "
        "around the `async with` block and return None; inside the block, return the parsed `resp.json()`.",
    ),
)
async def check_fetch_within(fetch_within) -> None:
    server = _PlannedServer()
    max_hops = random.randint(2, 4)
    token = _token()
    async with _serving(server) as (base, noting):

        async def call(prefix: str, what: str):
            url = str(base.with_path(f"{prefix}0" if f"{prefix}0" in server.pages else f"{prefix}end"))
            try:
                return await fetch_within(noting.session, url, max_hops)
            except aiohttp.TooManyRedirects:
                raise NotYet(
                    f"for {what} your function let TooManyRedirects out: catch it (except aiohttp.TooManyRedirects) "
                    "and return None, as the task asks"
                ) from None
            except aiohttp.ContentTypeError as exc:
                raise NotYet(
                    f"for {what} your function tried to parse a {exc.status} response as JSON: a redirect has no "
                    "JSON body. Let aiohttp follow the redirects (up to the limit), and parse the final response"
                ) from None

        cases = (("exact", max_hops), ("direct", 0), ("longer", max_hops + 1))
        bodies = {}
        for name, length in cases:
            bodies[name] = {"token": token, "redirects": length}
            _plan_chain(server, base, f"/{name}/{token}/", _mixed_statuses(length), bodies[name])

        what = f"a chain of exactly max_hops = {max_hops} redirects"
        got = await call(f"/exact/{token}/", what)
        expect(
            got is not None or noting.started,
            "fetch_within returned None without making a request; it should return the parsed JSON body of the "
            "final page (is the `return` missing?)",
        )
        expect(
            got is not None,
            "for a chain of exactly max_hops redirects fetch_within returned None: max_hops redirects are allowed, "
            "so follow them all to the final page. (max_redirects=N raises as soon as the N-th redirect arrives, "
            "so it follows N - 1: to follow max_hops, pass max_redirects=max_hops + 1)",
        )
        expect(
            got == bodies["exact"], f"for {what} fetch_within returned {got!r}; the final page sent {bodies['exact']!r}"
        )

        got = await call(f"/direct/{token}/", "a URL that answers at once")
        expect(
            got == bodies["direct"],
            f"for a URL that answers 200 with no redirect fetch_within returned {got!r}; it sent {bodies['direct']!r}",
        )

        what = f"a chain of {max_hops + 1} redirects (max_hops is {max_hops})"
        got = await call(f"/longer/{token}/", what)
        expect(
            got != bodies["longer"],
            f"for {what} fetch_within returned the final page: it followed {max_hops + 1} redirects, one more "
            f"than max_hops. Allow max_hops and no more (max_redirects=N follows at most N - 1)",
        )
        expect(got is None, f"for {what} fetch_within returned {got!r}; it should return None")
        expect(
            not server.times_requested(f"/longer/{token}/end"),
            f"for {what} fetch_within returned None, but only after following the whole chain: the server saw "
            f"its final page requested. Stop after max_hops redirects instead of checking len(resp.history) "
            "afterwards: a server that redirects for ever would keep your code busy until its timeout",
        )

        loop = f"/loop/{token}/"
        server.pages[f"{loop}0"] = _Page(random.choice(REDIRECT_STATUSES), location=f"{loop}1")
        server.pages[f"{loop}1"] = _Page(random.choice(REDIRECT_STATUSES), location=f"{loop}0")
        what = "a redirect loop (two pages that redirect to each other)"
        got = await call(loop, what)
        expect(got is None, f"for {what} fetch_within returned {got!r}; it should return None")
        requests = server.requests_under(loop)
        expect(
            requests <= max_hops + 1,
            f"in {what} your function made {requests} requests before it gave up, with max_hops = {max_hops}: "
            f"{max_hops + 1} are enough (the first, and one for each redirect followed). Set the limit on the "
            "request (max_redirects=max_hops + 1) rather than counting afterwards",
        )
        noting.expect_used("fetch_within")
