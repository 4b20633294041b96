"""Exercises of lesson 23: the links a polite crawler follows, and the whole polite crawl.

23.1 makes up pages and robots.txt files of its own (links quoted either way or not at all, with entities, in
comments and text, relative, to other ports, hosts and schemes, with and without a ``<base href>``), first the
crawl site's own home page, and compares the learner's set with the answer it works out with `html.parser` and
yarl. 23.2 serves a crawl site of its own (`create_crawl_app()`, with `serving(..., handler_cancellation=True)` so
that a request the crawler gave up on stops counting as in flight at once), crawls it twice with the learner's
function (3 in flight, then 2), and compares the report with `expected_report()` and with what the site saw: its
counters (`site_counters(app)`), and the paths and User-Agent of every request, noted by a middleware of the
check's own.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.robotparser import RobotFileParser

import aiohttp
from aiohttp import web
from aiohttp.typedefs import Handler
from yarl import URL

from local_server.crawl_site import (
    BUSY_FAILURES,
    FAILURE_KINDS,
    MISSING,
    PAGES,
    USER_AGENT,
    ExpectedCrawl,
    create_crawl_app,
    expected_report,
    site_counters,
    site_robots,
)
from local_server.crawl_site.content import render_page

from .check_server import serving
from .core import NotYet, exercise, expect, expect_type, outcome
from .sessions import sessions_made

EARLY = 0.01
"""How much before its bound a wait may end (a timer may fire a hair early)."""

# ---------------------------------------------------------------------------------------------------
# 23.1 allowed_links: the <a href> links of a page a polite crawler follows.

PAGES_MADE_UP = 12
WORDS = ("alpha", "beta", "gamma", "delta", "kappa", "sigma", "omega", "lambda", "theta", "zeta")
OUR_AGENT = USER_AGENT.split("/")[0]
"""The name robots.txt gives our crawler's group: ``course-crawler``."""


class _Page(HTMLParser):
    """The check's own reading of a page: every <a href> and the first <base href>."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = next((value for name, value in attrs if name == "href" and value is not None), None)
        if tag == "a" and href is not None:
            self.hrefs.append(href)
        elif tag == "base" and href is not None and self.base is None:
            self.base = href


def _same_origin(a: URL, b: URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def _expected_links(page_url: str, html: str, robots: RobotFileParser) -> set[str]:
    page = _Page()
    page.feed(html)
    page.close()
    url = URL(page_url)
    base = url.join(URL(page.base)) if page.base is not None else url
    links = {base.join(URL(href)).with_fragment(None) for href in page.hrefs}
    return {str(link) for link in links if _same_origin(link, url) and robots.can_fetch(USER_AGENT, str(link))}


@dataclass
class _Link:
    """Something the check wrote into a page: how it is written, its kind, and the href a reader may take from it."""

    written: str
    """The HTML as it appears in the page."""
    kind: str
    href: str
    """The href as written in the attribute (entities decoded): a real link's, or the one a text search would find."""
    is_link: bool = True
    """False for what only looks like a link to a text search: a comment, text, a <link> tag, a second <base>."""


@dataclass
class _MadeUpPage:
    page_url: str
    html: str
    robots: RobotFileParser
    links: list[_Link]
    base: str | None = None
    """The href of the page's (first) <base>, or None."""

    @property
    def base_url(self) -> URL:
        url = URL(self.page_url)
        return url.join(URL(self.base)) if self.base is not None else url

    def target(self, link: _Link) -> str:
        """Where the link leads, resolved as a browser would, without its fragment."""
        return str(self.base_url.join(URL(link.href)).with_fragment(None))

    def expected(self) -> set[str]:
        return _expected_links(self.page_url, self.html, self.robots)


def _robots(ours: str, everyone: str) -> RobotFileParser:
    robots = RobotFileParser()
    robots.parse(f"User-agent: {OUR_AGENT}\nDisallow: /{ours}/\n\nUser-agent: *\nDisallow: /{everyone}/\n".splitlines())
    return robots


def _made_up_page(rng: random.Random, with_base: bool) -> _MadeUpPage:
    """A page on a random port with every kind of link, and a robots.txt with a group for us and one for `*`."""
    port = rng.randrange(20000, 60000)
    origin = f"http://127.0.0.1:{port}"

    def w() -> str:
        return rng.choice(WORDS)

    ours, everyone = rng.sample(WORDS, 2)
    page_url = f"{origin}/{w()}/{w()}/{w()}" + rng.choice(["", f"?ref={w()}", "/"])
    n = rng.randrange(2, 9)
    hrefs = {
        "relative": [w(), f"../{w()}/{w()}", f"./{w()}?page={n}"],
        "fragment": [f"{w()}#{w()}", f"#{w()}", f"/{w()}/{w()}#{w()}"],
        "rooted": [f"/{w()}"],
        "absolute": [f"{origin}/{w()}/{w()}", f"//127.0.0.1:{port}/{w()}"],
        "other port": [f"http://127.0.0.1:{port + 1}/{w()}"],
        "other host": [f"http://localhost:{port}/{w()}", f"//example.net/{w()}"],
        "other scheme": [f"https://127.0.0.1:{port}/{w()}", f"mailto:{w()}@example.com"],
        "ours disallowed": [f"/{ours}/{w()}", f"{origin}/{ours}/{w()}#{w()}"],
        "everyone disallowed": [f"/{everyone}/{w()}"],
    }
    links = [_Link(f'<a href="{href}">{kind}</a>', kind, href) for kind, group in hrefs.items() for href in group]
    single, bare, capital = f"/{w()}/{w()}", f"/{w()}-{w()}", f"/{w()}/{w()}"
    query = f"/search?q={w()}&page={n}"
    commented, in_text = f"/{w()}-commented-out", f"/{w()}-in-the-text"
    links += [
        _Link(f"<a href='{single}'>single quotes</a>", "quoting", single),
        _Link(f"<a href={bare}>no quotes</a>", "quoting", bare),
        _Link(f'<A HREF="{capital}">capitals</A>', "quoting", capital),
        _Link(f'<a class="nav" href="{escape(query)}">an entity</a>', "entity", query),
        _Link('<a name="top">an anchor, no href</a>', "no href", "", is_link=False),
        _Link(f'<!-- <a href="{commented}">an old link</a> -->', "comment", commented, is_link=False),
        _Link(f'<p>Write href="{in_text}" in your page.</p>', "text", in_text, is_link=False),
    ]
    rng.shuffle(links)
    base = rng.choice([f"/{w()}/{w()}/", f"{w()}/", f"{origin}/{w()}/"]) if with_base else None
    css = f"/{w()}.css"
    stylesheet = _Link(f'<link rel="stylesheet" href="{css}">', "link tag", css, is_link=False)
    head = [f'<base href="{base}">'] if base else []
    head.append(stylesheet.written)
    if base:
        head.append('<base href="/a-second-base/">')
    body = "\n".join(f"  {link.written}" for link in links)
    html = (
        f"<!DOCTYPE html>\n<html><head><title>made up</title>{''.join(head)}</head>\n<body>\n{body}\n</body></html>\n"
    )
    return _MadeUpPage(page_url, html, _robots(ours, everyone), [*links, stylesheet], base)


def _home_page() -> _MadeUpPage:
    """The crawl site's home page, on a made-up port, with the site's robots.txt: a page most answers get right."""
    origin = "http://127.0.0.1:8023"
    page = PAGES["/"]
    hrefs = [href.replace("{origin}", origin) for href in page.links]
    links = [_Link(f'<a href="{href}">{href}</a>', "home", href) for href in hrefs]
    return _MadeUpPage(f"{origin}/", render_page(page, origin), site_robots(), links)


def _against_page(page: _MadeUpPage, link: _Link) -> str:
    """Where the link would lead if the page's <base> were ignored."""
    return str(URL(page.page_url).join(URL(link.href)).with_fragment(None))


def _explain_extra(page: _MadeUpPage, extra: str) -> str:
    url = URL(page.page_url)
    where = f"for the page at {page.page_url}, allowed_links returned {extra!r}"
    try:
        link = URL(extra)
    except ValueError:
        return f"{where}, which is not a URL: return absolute URLs, each href resolved against the page's URL"
    if not link.absolute:
        return f"{where}, which is not absolute: resolve each href against page_url (URL(page_url).join(URL(href)))"
    if "&amp;" in extra:
        return (
            f"{where}, with '&amp;' in it: that is how HTML writes '&'. Read the HTML with html.parser, which "
            "decodes entities in attributes"
        )
    if link.fragment:
        return (
            f"{where}, with its fragment (#{link.fragment}): drop the fragment (with_fragment(None), or urldefrag); "
            "it names a place in a page, not another page"
        )
    if link.scheme != url.scheme:
        return f"{where}: another scheme is another origin; keep only the links with page_url's scheme, host and port"
    if link.host != url.host:
        return f"{where}: another host name is another origin, even for the same server; keep page_url's"
    if link.port != url.port:
        return f"{where}: another port is another origin; compare scheme, host and port, not the host alone"
    if not page.robots.can_fetch(USER_AGENT, extra):
        return (
            f"{where}, which robots.txt disallows for {USER_AGENT}: keep only the links for which "
            "robots.can_fetch(USER_AGENT, url) is true"
        )
    for made in page.links:
        if not made.is_link and made.href and page.target(made) == extra:
            return (
                f"{where}, which comes from {made.written!r}: that is not a link. Read the HTML with html.parser, "
                "which sees only real tags (not comments or text), and take the href of <a> tags only"
            )
    for made in page.links:
        if not made.is_link:
            continue
        if str(url.origin().join(URL(made.href)).with_fragment(None)) == extra:
            return f"{where}: that is {made.written!r} resolved against the site's root; resolve it against page_url"
        if page.base is not None and _against_page(page, made) == extra:
            return (
                f"{where}: that is {made.written!r} resolved against page_url, but the page has "
                f"<base href={page.base!r}>: resolve its links against that (itself resolved against page_url)"
            )
    return f"{where}, which is not where one of the page's <a href> links leads"


def _explain_missing(page: _MadeUpPage, missing: str) -> str:
    where = f"for the page at {page.page_url}, allowed_links left out {missing!r}"
    sources = [made for made in page.links if made.is_link and page.target(made) == missing]
    kinds = {made.kind for made in sources}
    written = " and ".join(repr(made.written) for made in sources[:2]) or "one of its links"
    if "everyone disallowed" in kinds:
        return (
            f"{where} ({written}): robots.txt forbids it to *, not to {OUR_AGENT}, whose own group of rules is the "
            f"one for our crawler. Ask robots.can_fetch(USER_AGENT, url), with the crawler's own name ({USER_AGENT})"
        )
    if kinds & {"quoting", "entity"}:
        return (
            f"{where}, where {written} leads: read the HTML with html.parser, which finds every way of writing an "
            "attribute (either quotes or none, any case) and decodes entities (&amp; is &)"
        )
    if page.base is not None and any(_against_page(page, made) != missing for made in sources):
        return (
            f"{where}, where {written} leads once resolved against the page's <base href={page.base!r}>: a page's "
            "first <base href> is the URL its links are relative to (itself resolved against page_url)"
        )
    if "fragment" in kinds:
        return f"{where}, where {written} leads: keep the link, and drop only its fragment (the part after #)"
    return f"{where}, where {written} leads: it is on page_url's origin, and robots.txt allows it"


def _expect_links(allowed_links: Callable[..., Any], page: _MadeUpPage) -> None:
    call = "allowed_links(page_url, html, robots)"
    found = allowed_links(page.page_url, page.html, page.robots)
    if isinstance(found, frozenset):
        found = set(found)
    expect_type(found, set, call, "a set of URLs (str)")
    not_text = [item for item in found if not isinstance(item, str)]
    expect(
        not not_text,
        f"{call} returned a set holding {type(not_text[0]).__name__ if not_text else ''} items: return each URL "
        "as a str (str(url))",
    )
    expected = page.expected()
    for extra in sorted(found - expected):
        raise NotYet(_explain_extra(page, extra))
    for missing in sorted(expected - found):
        raise NotYet(_explain_missing(page, missing))


@exercise(
    "23.1",
    "the links of a page a polite crawler follows: parsed, resolved, defragmented, on the origin, allowed",
    "allowed_links",
    (
        "Read the page as a browser would, not as text, and take the href of each a tag, and of the page's first "
        "base tag if it has one. Resolve each href against the URL it is relative to and drop the fragment; then "
        "keep a link only when it has the scheme, host and port of page_url and robots.txt lets our crawler have it.",
        "A subclass of `html.parser.HTMLParser` whose `handle_starttag(tag, attrs)` collects the href of `a` tags "
        "and the first of `base` tags; `URL(page_url).join(URL(base))` is the base URL, `base_url.join(URL(href))"
        ".with_fragment(None)` a link (or `urljoin` and `urldefrag` from urllib.parse); compare "
        "`(link.scheme, link.host, link.port)` with page_url's, and ask `robots.can_fetch(USER_AGENT, str(link))`. "
        "`USER_AGENT` comes from `local_server.crawl_site`.",
    ),
    is_async=False,
)
async def check_allowed_links(allowed_links) -> None:
    _expect_links(allowed_links, _home_page())
    rng = random.Random()
    for n in range(PAGES_MADE_UP):
        _expect_links(allowed_links, _made_up_page(rng, with_base=n % 3 == 2))


# ---------------------------------------------------------------------------------------------------
# 23.2 crawl_politely: the whole crawl, checked by its report and by what the site saw.

ROUNDS = (3, 2)
"""The most requests in flight the check allows, one crawl each: a crawler that writes its number in fails one."""
CRAWL_BOUND = 10.0
"""Seconds a whole crawl may take (lesson 23's crawl takes about 3.5 s)."""
RETRIES = 2
MIN_WAIT = 0.05
"""Seconds the task asks a crawler to wait, at least, before each retry."""
REPORT_KEYS = ("fetched", "failures", "redirects", "disallowed", "off_site")
RETRIED = {"/busy": BUSY_FAILURES + 1, "/broken": 1 + RETRIES, "/stuck": 1 + RETRIES}
"""The pages asked for more than once, and how many times: a 503 then 200; a 500 each time; a timeout each time."""
ANSWERED_FAILURES = ("/busy", "/broken")
"""Where the waits between attempts are measured: the site's answer ends before the crawler's wait begins. (After a
timeout the site learns that the crawler hung up a moment later than it did, so a wait looks shorter there.)"""
KNOWN_PATHS = frozenset(PAGES) | {"/robots.txt", MISSING}


@dataclass
class _SiteLog:
    """What the check's middleware notes of every request: its path with the query, and its User-Agent."""

    paths: list[str] = field(default_factory=list)
    agents: Counter[str] = field(default_factory=Counter)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        self.paths.append(request.path_qs)
        self.agents[request.headers.get("User-Agent", "(none)")] += 1
        return await handler(request)

    def clear(self) -> None:
        self.paths.clear()
        self.agents.clear()


def _crawl_error(exc: BaseException, call: str) -> NotYet | BaseException:
    """What the learner's crawl raised, in their terms: a failure of one page must not end the crawl."""
    if isinstance(exc, BaseExceptionGroup):
        inner = exc
        while isinstance(inner, BaseExceptionGroup):
            inner = inner.exceptions[0]
        found = _crawl_error(inner, call)
        if isinstance(found, NotYet):
            return NotYet(f"a task of your TaskGroup raised, so the group ended the crawl: {found}")
        return NotYet(f"a task of your TaskGroup raised {type(inner).__name__}: {inner}, so the group ended the crawl")
    if isinstance(exc, TimeoutError):
        return NotYet(
            f"{call} raised {type(exc).__name__}: a page that does not answer within your timeout (/stuck takes 3 s) "
            "is a failure of kind 'timeout' in the report, not the end of the crawl: catch TimeoutError around "
            "each request (after the retries)"
        )
    if isinstance(exc, aiohttp.TooManyRedirects):
        return NotYet(
            f"{call} raised TooManyRedirects: /loop/a redirects for ever; catch aiohttp.TooManyRedirects and note "
            "the URL under 'too_many_redirects'"
        )
    if isinstance(exc, aiohttp.ClientResponseError):
        return NotYet(
            f"{call} raised ClientResponseError ({exc.status} for {URL(str(exc.request_info.url)).path_qs}): an error "
            "status is a failure of its kind in the report (403 forbidden, 404 not_found, 5xx server_error), not "
            "the end of the crawl"
        )
    return exc


def _as_paths(value: Any, what: str) -> tuple[str, ...]:
    expect(
        isinstance(value, set | frozenset | list | tuple),
        f"the report's {what} must be a set of str, not {type(value).__name__}",
    )
    items = [item for item in value if not isinstance(item, str)]
    expect(not items, f"the report's {what} holds {items[0]!r}: name each page by a str" if items else "")
    return tuple(sorted(set(value)))


def _report_fields(report: dict) -> dict[str, Any]:
    """The learner's report in the shape of `ExpectedCrawl`'s fields, each checked for its type."""
    missing = [key for key in REPORT_KEYS if key not in report]
    expect(not missing, f"the report has no key {', '.join(map(repr, missing))}: it needs {', '.join(REPORT_KEYS)}")
    expect(isinstance(report["failures"], dict), "the report's failures must be a dict: kind -> set of paths")
    expect(isinstance(report["redirects"], dict), "the report's redirects must be a dict: path -> path")
    fields = {
        "fetched": _as_paths(report["fetched"], "fetched"),
        "failures": {str(kind): _as_paths(urls, f"failures[{kind!r}]") for kind, urls in report["failures"].items()},
        "redirects": {str(k): str(v) for k, v in report["redirects"].items()},
        "disallowed": _as_paths(report["disallowed"], "disallowed"),
        "off_site": _as_paths(report["off_site"], "off_site"),
    }
    fields["failures"] = {kind: urls for kind, urls in fields["failures"].items() if urls}
    absolute = [url for url in fields["fetched"] + fields["disallowed"] if "://" in url]
    expect(
        not absolute,
        f"the report names {absolute[0]!r} by its whole URL: name each page of the site by its path and query "
        "(URL.path_qs: /docs/intro, /blog/archive?page=2), and keep whole URLs for off_site"
        if absolute
        else "",
    )
    return fields


def _difference(name: str, got: tuple[str, ...], expected: tuple[str, ...]) -> str:
    extra, lacking = sorted(set(got) - set(expected)), sorted(set(expected) - set(got))
    parts = [f"has {', '.join(extra[:4])}" if extra else "", f"lacks {', '.join(lacking[:4])}" if lacking else ""]
    return f"the report's {name} " + " and ".join(part for part in parts if part)


def _expect_report(fields: dict[str, Any], expected: ExpectedCrawl) -> None:
    failures = fields["failures"]
    fetched = set(fields["fetched"])
    expect(
        "forbidden" not in failures,
        f"the site answered 403 for {', '.join(failures.get('forbidden', ()))}: those pages need the cookie "
        "/account/login sets, and the site is an IP address (127.0.0.1), whose cookies aiohttp's default jar "
        "drops. Make the session with cookie_jar=aiohttp.CookieJar(unsafe=True)",
    )
    expect(
        "/busy" not in failures.get("server_error", ()),
        "/busy is a server_error in your report: it answers 503 once, then 200. Retry a 5xx answer "
        f"(up to {RETRIES} more times, with a wait before each)",
    )
    expect(
        "/huge" not in fetched,
        "/huge is among the fetched pages: it is 4 MiB, over the 1 MiB cap. Check resp.content_length before "
        "reading, read at most the cap (iter_chunked), and note it under 'too_large'",
    )
    expect(
        "/stuck" not in fetched,
        "/stuck is among the fetched pages: it takes 3 s to answer. Give each request a timeout between 1 and "
        "2.5 s (ClientTimeout(total=...)) and note it under 'timeout'",
    )
    expect(
        set(failures) <= set(FAILURE_KINDS),
        f"the report's failures has the kinds {sorted(set(failures) - set(FAILURE_KINDS))}: this site's pages fail "
        f"only as {', '.join(FAILURE_KINDS)}",
    )
    for kind in FAILURE_KINDS:
        got, want = failures.get(kind, ()), expected.failures.get(kind, ())
        expect(got == want, f"{_difference(f'failures[{kind!r}]', got, want)}; the site's expected report has {want}")
    expect(
        fields["fetched"] == expected.fetched,
        _difference("fetched", fields["fetched"], expected.fetched)
        + " (the pages read, HTML and files, each by the URL it came from after its redirects)",
    )
    expect(
        fields["redirects"] == expected.redirects,
        f"the report's redirects is {fields['redirects']}; the site's expected report has {expected.redirects} "
        "(the URL asked for -> the URL of resp.url, for each response with a history)",
    )
    expect(
        fields["disallowed"] == expected.disallowed,
        _difference("disallowed", fields["disallowed"], expected.disallowed)
        + " (the on-site links robots.txt disallows for USER_AGENT, by path and query)",
    )
    expect(
        fields["off_site"] == expected.off_site,
        _difference("off_site", fields["off_site"], expected.off_site)
        + " (the links to another scheme, host or port, as absolute URLs without fragment)",
    )


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _waits(log, path: str) -> list[float]:
    """The gaps between the site's answer to one attempt at path and the next attempt's arrival."""
    attempts = sorted((entry for entry in log if entry.path == path), key=lambda entry: entry.started)
    return [later.started - earlier.finished for earlier, later in zip(attempts, attempts[1:], strict=False)]


def _expect_polite(stats, log: _SiteLog, k: int, call: str) -> None:
    """What the site saw of the crawl: robots.txt first, nothing disallowed, each page once, k in flight, the waits."""
    by_path = stats.by_path
    expect(stats.requests, f"{call} sent no request to the site: crawl from start_url, through a ClientSession")
    expect(
        "/robots.txt" in by_path,
        f"{call} never asked for /robots.txt: read it first (with the session), parse it with "
        "urllib.robotparser.RobotFileParser, and ask can_fetch(USER_AGENT, url) before queueing each link",
    )
    first = min(stats.log, key=lambda entry: entry.started)
    expect(
        first.path == "/robots.txt",
        f"the site's first request was for {first.path}, not /robots.txt: read robots.txt before any page",
    )
    expect(
        by_path["/robots.txt"] == 1,
        f"{call} asked for /robots.txt {by_path['/robots.txt']} times: read it once, at the start of the crawl",
    )
    agents = sorted(log.agents)
    expect(
        agents == [USER_AGENT],
        f"the site saw the User-Agent {', '.join(map(repr, agents))}: send the crawl site's USER_AGENT "
        f"({USER_AGENT!r}) with every request: ClientSession(headers={{'User-Agent': USER_AGENT}})",
    )
    robots = site_robots()
    forbidden = sorted({path for path in log.paths if not robots.can_fetch(USER_AGENT, f"http://127.0.0.1{path}")})
    expect(
        not forbidden,
        f"{call} asked for {', '.join(forbidden)}, which robots.txt disallows for {USER_AGENT}: ask "
        "robots.can_fetch(USER_AGENT, url) before queueing a link, and skip it when the answer is no",
    )
    unknown = sorted({path for path in log.paths if path not in KNOWN_PATHS})
    expect(
        "/archive" not in unknown,
        f"{call} asked for /archive, which the site does not have: it is the link 'archive' of /blog/new-home "
        "resolved against /moved, the URL asked for. /moved redirects; resolve a page's links against resp.url, "
        "the URL it finally came from",
    )
    expect(
        not unknown,
        f"{call} asked for {', '.join(unknown[:3])}, which the site does not have: resolve each href against the "
        "URL of the page it is on (resp.url), drop the fragment, and send that URL",
    )
    again = {path: n for path, n in by_path.items() if n > 1 and path not in RETRIED and not path.startswith("/loop/")}
    answered = sorted(path for path in again if path == MISSING or path.startswith("/account/"))
    expect(
        not answered,
        f"{call} asked for {answered[0] if answered else ''} {_times(again[answered[0]]) if answered else ''}: "
        "a 404 or 403 is an answer, and asking again gets the same one. Retry only a 5xx answer or a timeout",
    )
    shown = ", ".join(f"{path} {_times(n)}" for path, n in sorted(again.items())[:3])
    expect(
        not again,
        f"{call} asked for {shown}{' and more' if len(again) > 3 else ''}: fetch each URL once. Keep a set of "
        "the URLs queued so far, each without its fragment (/docs/intro#top is /docs/intro), and queue a link only "
        "when it is not in the set yet",
    )
    for path, times in RETRIED.items():
        asked = by_path.get(path, 0)
        expect(
            asked >= times,
            f"{call} asked for {path} {_times(asked)}: retry a 5xx answer or a timeout, {RETRIES} more times "
            f"({times} requests for {path})",
        )
        expect(
            asked == times, f"{call} asked for {path} {_times(asked)}: retry at most {RETRIES} times ({times} in all)"
        )
        if path not in ANSWERED_FAILURES:
            continue
        for n, wait in enumerate(_waits(stats.log, path), start=1):
            expect(
                wait >= MIN_WAIT - EARLY,
                f"{call} asked for {path} again {wait:.3f} s after its attempt {n} ended: wait at least {MIN_WAIT} s "
                "before each retry (asyncio.sleep; twice as long each time is usual)",
            )
    most = stats.max_in_flight
    expect(
        most <= k,
        f"the site saw up to {most} requests of yours at once; at most max_in_flight={k} may be: start "
        "max_in_flight workers that each send one request at a time (or put an asyncio.Semaphore(max_in_flight) "
        "around each request), rather than gathering every link at once",
    )
    expect(
        most == k,
        f"the site saw at most {most} requests of yours at once, with max_in_flight={k}: keep {k} going, not fewer",
    )


async def _expect_crawl(crawl_politely, base: str, app: web.Application, log: _SiteLog, k: int) -> None:
    call = f"crawl_politely(start_url, {k})"
    counters = site_counters(app)
    counters.reset()
    log.clear()
    with sessions_made() as sessions:
        started = time.monotonic()
        report, exc = await outcome(crawl_politely(f"{base}/", k))
        elapsed = time.monotonic() - started
        left_open = [session for session in sessions if not session.closed]
        for session in left_open:
            await session.close()
    if exc is not None:
        raise _crawl_error(exc, call)
    for _ in range(100):  # a request the crawler gave up on ends on the site a moment after the crawl returns
        if not counters.snapshot().in_flight:
            break
        await asyncio.sleep(0.02)
    stats = counters.snapshot()
    expect_type(report, dict, call, "the report, a dict")
    _expect_polite(stats, log, k, call)
    _expect_report(_report_fields(report), expected_report())
    expect(
        len(sessions) == 1,
        f"{call} made {len(sessions)} ClientSessions: make one for the whole crawl, robots.txt included, so that "
        "every request shares its pool and its cookie jar",
    )
    expect(
        not left_open,
        f"the ClientSession {call} made was still open when it returned: make it with "
        "`async with aiohttp.ClientSession(...) as session:`",
    )
    expect(
        elapsed < CRAWL_BOUND,
        f"{call} took {elapsed:.1f} s: a polite crawl of this site takes about 3.5 s, {CRAWL_BOUND:.0f} s at most",
    )


@exercise(
    "23.2",
    "crawl a site politely: the expected report, robots.txt obeyed, each page once, at most k in flight",
    "crawl_politely",
    (
        "Put the lesson's pieces together: one session with the policy in its settings, robots.txt read first, "
        "a frontier of URLs with a set of those seen, and as many workers as requests may be in flight, each "
        "fetching one URL at a time with retries, noting the outcome, and queueing the new links it allows.",
        "`aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=k), cookie_jar=aiohttp.CookieJar(unsafe=True), "
        "headers={'User-Agent': USER_AGENT}, timeout=aiohttp.ClientTimeout(total=1.0))`; `RobotFileParser().parse("
        "text.splitlines())`; an `asyncio.Queue` and k workers in an `asyncio.TaskGroup`, `await queue.join()` then "
        "cancel them; links from `html.parser`, joined to `resp.url`, `with_fragment(None)`; "
        "`session.get(url, max_redirects=...)`, `resp.content_length` against the cap; `except TimeoutError` and "
        "`except aiohttp.TooManyRedirects`.",
    ),
)
async def check_crawl_politely(crawl_politely) -> None:
    log = _SiteLog()
    app = create_crawl_app()
    app.middlewares.append(log.middleware)
    async with serving(app, handler_cancellation=True) as base:
        for k in ROUNDS:
            await _expect_crawl(crawl_politely, base, app, log, k)
