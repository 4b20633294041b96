"""The crawl site of lesson 23 (`local_server.crawl_site`): every kind of page, robots.txt, the expected report
checked against a real crawl, what the site counts, determinism, loopback only, bounded state, abuse.

The reference crawl below is written from the HTTP side only (aiohttp's client, yarl's `URL.join`,
`html.parser`): it knows the site's rules, not its table, so agreeing with `expected_report()` (worked out from
the table with `urllib.parse`) is a real check of both.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import quote
from urllib.robotparser import RobotFileParser

import aiohttp
import pytest
from conftest import assert_json_error
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_abuse_listen import assert_refused, is_local, listening_addresses
from yarl import URL

import local_server
from exercises.check_server import serving
from local_server import crawl_site
from local_server.crawl_site import (
    BUSY_FAILURES,
    FAILING_ON_PURPOSE,
    FAILURE_KINDS,
    HUGE_BYTES,
    LARGEST_NORMAL_PAGE,
    MEMBER_COOKIE,
    OTHER,
    PAGES,
    ROBOTS_TXT,
    SLOW_PAGES,
    STUCK_SECONDS,
    USER_AGENT,
    CrawlStats,
    ExpectedCrawl,
    Kind,
    create_crawl_app,
    expected_report,
    site_counters,
    start_crawl_site,
    start_crawl_site_in_thread,
    stop_crawl_site,
)
from local_server.crawl_site.content import HUGE_CHUNK, huge_page_chunks
from local_server.crawl_site.server import COUNTED, MAX_LOG

MiB = 1024 * 1024
CRAWL_BOUND = 10.0
"""Seconds lesson 23 allows a whole crawl."""


@pytest.fixture
def site():
    """A crawl site of the test's own, stopped afterwards."""
    with start_crawl_site_in_thread(reuse=False) as started:
        yield started


@pytest.fixture
async def client(aiohttp_client):
    """A test client for a fresh crawl site app (the conftest `client` is the echo's)."""
    return await aiohttp_client(create_crawl_app())


# --- the reference crawl ----------------------------------------------------------------------------


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value is not None]


def links_of(html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    return parser.hrefs


@dataclass
class CrawlResult:
    fetched: set[str] = field(default_factory=set)
    files: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    failures: dict[str, set[str]] = field(default_factory=dict)
    disallowed: set[str] = field(default_factory=set)
    off_site: set[str] = field(default_factory=set)
    most_in_flight: int = 0

    def fail(self, kind: str, url: URL) -> None:
        assert kind in FAILURE_KINDS
        self.failures.setdefault(kind, set()).add(url.path_qs)

    def as_expected(self, never_requested: tuple[str, ...]) -> ExpectedCrawl:
        return ExpectedCrawl(
            fetched=tuple(sorted(self.fetched)),
            files=dict(sorted(self.files.items())),
            redirects=dict(sorted(self.redirects.items())),
            failures={kind: tuple(sorted(self.failures[kind])) for kind in FAILURE_KINDS if kind in self.failures},
            disallowed=tuple(sorted(self.disallowed)),
            off_site=tuple(sorted(self.off_site)),
            never_requested=never_requested,
        )


async def reference_crawl(
    base: str,
    *,
    concurrency: int = 4,
    keeps_cookies: bool = True,
    retries: int = 2,
    timeout: float | None = 1.5,  # noqa: ASYNC109 (each request's timeout, named as in expected_report)
    max_bytes: int | None = MiB,
) -> CrawlResult:
    """A polite breadth-first crawl from `base + "/"` with `concurrency` workers (and as many connections).

    robots.txt first; only same-origin ``<a href>`` links, fragments dropped, each URL once; links resolved
    against the URL a page finally came from; a 5xx retried `retries` times (a timeout is not retried).
    """
    origin = URL(base)
    result = CrawlResult()
    jar = aiohttp.CookieJar(unsafe=True) if keeps_cookies else aiohttp.DummyCookieJar()
    connector = aiohttp.TCPConnector(limit=concurrency)
    request_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(
        connector=connector, cookie_jar=jar, headers={"User-Agent": USER_AGENT}, timeout=request_timeout
    ) as session:
        async with session.get(origin / "robots.txt") as resp:
            assert resp.status == 200
            robots = RobotFileParser()
            robots.parse((await resp.text()).splitlines())
        queue: asyncio.Queue[URL] = asyncio.Queue()
        seen = {"/"}
        queue.put_nowait(origin.with_path("/"))

        def discover(page_url: URL, html: str) -> None:
            for href in links_of(html):
                link = page_url.join(URL(href)).with_fragment(None)
                if (link.scheme, link.host, link.port) != (origin.scheme, origin.host, origin.port):
                    result.off_site.add(str(link))
                elif not robots.can_fetch(USER_AGENT, str(link)):
                    result.disallowed.add(link.path_qs)
                elif link.path_qs not in seen:
                    seen.add(link.path_qs)
                    queue.put_nowait(link)

        async def fetch(url: URL) -> None:
            for attempt in range(retries + 1):
                try:
                    async with session.get(url) as resp:
                        if resp.status >= 500 and attempt < retries:
                            await asyncio.sleep(0.02 * 2**attempt)
                            continue
                        if resp.status >= 500:
                            return result.fail("server_error", url)
                        if resp.status in (403, 404):
                            return result.fail("forbidden" if resp.status == 403 else "not_found", url)
                        assert resp.status == 200, (url, resp.status)
                        if max_bytes is not None and (resp.content_length or 0) > max_bytes:
                            return result.fail("too_large", url)
                        body = await resp.read()
                        final = resp.url
                        if resp.history:
                            result.redirects[url.path_qs] = final.path_qs
                            seen.add(final.path_qs)
                        result.fetched.add(final.path_qs)
                        if resp.content_type != "text/html":
                            result.files[final.path_qs] = resp.content_type
                            return None
                        return discover(final, body.decode(resp.charset or "utf-8"))
                except TimeoutError:
                    return result.fail("timeout", url)
                except aiohttp.TooManyRedirects:
                    return result.fail("too_many_redirects", url)
            return None

        async def worker() -> None:
            while True:
                url = await queue.get()
                try:
                    await fetch(url)
                finally:
                    queue.task_done()

        workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
        await queue.join()
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
    return result


def never_requested(site) -> tuple[str, ...]:
    """The site's pages that got no request, by the site's own count."""
    return unrequested(site.stats())


def unrequested(stats: CrawlStats) -> tuple[str, ...]:
    return tuple(sorted(set(PAGES) - set(stats.by_path)))


POLICIES = {
    "no-cookies": {"keeps_cookies": False},
    "no-retries": {"retries": 0},
    "no-size-cap": {"max_bytes": None},
    "long-timeout": {"timeout": STUCK_SECONDS + 1.0},
}
"""Policies other than the default, each changing one thing (the default crawl has a test of its own below)."""


@pytest.mark.parametrize("policy", list(POLICIES.values()), ids=list(POLICIES))
async def test_a_real_crawl_finds_what_the_expected_report_says(site, policy):
    crawled = await reference_crawl(site.url, **policy)
    assert crawled.as_expected(never_requested(site)) == expected_report(**policy)


async def test_the_default_crawl_with_4_in_flight_finds_the_report_quickly_and_politely(site):
    started = time.perf_counter()
    crawled = await reference_crawl(site.url, concurrency=4)
    elapsed = time.perf_counter() - started
    print(f"reference crawl, 4 in flight: {elapsed:.2f} s, {site.stats().requests} requests")
    assert crawled.as_expected(never_requested(site)) == expected_report()
    assert elapsed < CRAWL_BOUND / 2, f"the crawl took {elapsed:.1f} s: lesson 23 allows {CRAWL_BOUND} s in all"
    assert await site.idle(), "the /stuck request the crawl gave up on has ended"
    stats = site.stats()
    assert stats.max_in_flight == 4, "a crawl of 4 workers keeps 4 requests in flight, and never more"
    by_path = stats.by_path
    assert by_path["/robots.txt"] == 1
    assert by_path["/busy"] == BUSY_FAILURES + 1, "one 503, then the retry that succeeds"
    assert by_path["/broken"] == 1 + 2, "the first attempt and both retries"
    assert {url for url, count in by_path.items() if count > 1} == {"/busy", "/broken", "/loop/a", "/loop/b"}
    assert by_path["/loop/a"] + by_path["/loop/b"] == crawl_site.graph.MAX_REDIRECTS
    assert by_path[crawl_site.MISSING] == 1
    assert OTHER not in by_path, "a crawl that resolves links right never asks for a path the site lacks"
    assert min(entry.started for entry in stats.log) == next(e.started for e in stats.log if e.path == "/robots.txt")


async def test_a_check_can_serve_a_site_of_its_own(site):
    """As an exercise's check would: `serving(create_crawl_app())`, counters read with `site_counters(app)`."""
    app = create_crawl_app()
    async with serving(app) as base:
        crawled = await reference_crawl(base, timeout=1.0)
    stats = site_counters(app).snapshot()
    assert crawled.as_expected(unrequested(stats)) == expected_report(timeout=1.0)
    assert stats.max_in_flight == 4
    assert site.stats().requests == 0, "the other site saw none of it"


async def test_a_crawl_with_2_in_flight_never_has_more(site):
    await reference_crawl(site.url, concurrency=2, keeps_cookies=False)
    assert site.stats().max_in_flight == 2


def test_the_documented_numbers_are_the_reports():
    doc = " ".join(crawl_site.__doc__.split())
    assert f"{len(PAGES)} pages" in doc
    default, no_cookies, no_retries = (
        expected_report(),
        expected_report(keeps_cookies=False),
        expected_report(retries=0),
    )
    assert f"{len(default.fetched)} pages fetched ({len(default.files)} of them files)" in doc
    assert f"{len(default.disallowed)} disallowed links, {len(default.off_site)} off-site links" in doc
    assert f"Without cookies: {len(no_cookies.fetched)} fetched" in doc
    assert f"({len(no_retries.fetched)} fetched)" in doc
    for kind, urls in default.failures.items():
        assert f"{kind} {', '.join(urls)}" in doc
    assert ", ".join(default.never_requested) in doc


def test_the_expected_report_with_the_default_policy():
    report = expected_report()
    assert report.summary() == {
        "fetched": 51,
        "failures": {"not_found": 1, "server_error": 1, "timeout": 1, "too_large": 1, "too_many_redirects": 1},
        "redirects": 1,
        "disallowed": 3,
        "off_site": 6,
    }
    assert report.failures == {
        "not_found": ("/missing",),
        "server_error": ("/broken",),
        "timeout": ("/stuck",),
        "too_large": ("/huge",),
        "too_many_redirects": ("/loop/a",),
    }
    assert report.redirects == {"/moved": "/blog/new-home"}
    assert report.files == {"/media/logo.png": "image/png", "/media/report.pdf": "application/pdf"}
    assert report.disallowed == ("/private/", "/private/plans", "/search?q=aiohttp")
    assert report.off_site == (
        "http://example.net/feed",
        "https://example.com/",
        "https://example.com/contact",
        "https://example.org/testing",
        "mailto:editor@example.com",
        "mailto:webmaster@example.com",
    )
    assert report.never_requested == ("/private/", "/private/plans", "/search", "/secret-garden")
    assert "/blog/archive?page=2" in report.fetched and "/private/press-kit" in report.fetched


@pytest.mark.parametrize(
    ("policy", "fragment"),
    [
        ({"timeout": 0.5}, "depends on the load"),
        ({"timeout": STUCK_SECONDS}, "depends on the load"),
        ({"max_bytes": 1000}, "below the largest page"),
        ({"retries": -1}, "retries must be 0 or more"),
    ],
)
def test_a_policy_whose_outcome_depends_on_the_load_is_refused(policy, fragment):
    with pytest.raises(ValueError, match=fragment):
        expected_report(**policy)


# --- robots.txt ---------------------------------------------------------------------------------------

ROBOTS_VERDICTS = [
    ("/", True),
    ("/docs/intro", True),
    ("/private/", False),
    ("/private/plans", False),
    ("/private/press-kit", True),
    ("/private", True),  # "Disallow: /private/" covers what is under the folder, not the bare name
    ("/search", False),
    ("/search?q=aiohttp", False),
    ("/secret-garden", True),
    ("/robots.txt", True),
]


@pytest.fixture
async def served_robots(client) -> RobotFileParser:
    resp = await client.get("/robots.txt")
    assert (resp.status, resp.content_type) == (200, "text/plain")
    robots = RobotFileParser()
    robots.parse((await resp.text()).splitlines())
    return robots


@pytest.mark.parametrize(("path", "allowed"), ROBOTS_VERDICTS)
async def test_robots_txt_as_urllib_robotparser_reads_it(served_robots, path, allowed):
    assert served_robots.can_fetch(USER_AGENT, f"http://127.0.0.1:1{path}") is allowed
    assert served_robots.can_fetch("GreedyBot/2.0", f"http://127.0.0.1:1{path}") is False


async def test_robots_txt_delays_only_greedybot(served_robots):
    assert served_robots.crawl_delay("GreedyBot") == 2
    assert served_robots.crawl_delay(USER_AGENT) is None
    assert served_robots.crawl_delay("Python/3.11 aiohttp/3.14.5") is None
    assert served_robots.request_rate(USER_AGENT) is None


async def test_robots_txt_is_the_documented_text(client):
    resp = await client.get("/robots.txt")
    assert await resp.text() == ROBOTS_TXT


# --- every kind of page --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [url for url, page in PAGES.items() if page.kind in (Kind.PAGE, Kind.LOGIN)])
async def test_every_html_page_answers_with_its_title_and_links(client, url):
    resp = await client.get(url)
    assert resp.status == 200
    assert (resp.content_type, resp.charset) == ("text/html", "utf-8")
    html = await resp.text()
    page = PAGES[url]
    assert f"<title>{escape(page.title)}</title>" in html
    origin = f"http://127.0.0.1:{client.port}"
    assert links_of(html) == [href.replace("{origin}", origin) for href in page.links]
    assert len(html.encode()) <= LARGEST_NORMAL_PAGE


async def test_absolute_links_use_the_host_the_client_named_if_it_is_this_site(client):
    own = f"localhost:{client.port}"
    resp = await client.get("/shop", headers={"Host": own})
    assert links_of(await resp.text())[0] == f"http://{own}/shop/item-1"
    resp = await client.get("/shop", headers={"Host": "evil.example"})
    assert links_of(await resp.text())[0] == f"http://127.0.0.1:{client.port}/shop/item-1"


@pytest.mark.parametrize(
    ("url", "media_type", "magic"),
    [("/media/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"), ("/media/report.pdf", "application/pdf", b"%PDF-1.4")],
)
async def test_the_files_are_not_html(client, url, media_type, magic):
    resp = await client.get(url)
    body = await resp.read()
    assert (resp.status, resp.content_type) == (200, media_type)
    assert body.startswith(magic)
    assert len(body) <= LARGEST_NORMAL_PAGE


async def test_the_pdf_cross_reference_table_points_at_its_objects(client):
    body = await (await client.get("/media/report.pdf")).read()
    xref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", body).group(1))
    assert body[xref:].startswith(b"xref\n")
    offsets = [int(offset) for offset in re.findall(rb"^(\d{10}) 00000 n $", body[xref:], re.MULTILINE)]
    for number, offset in enumerate(offsets, 1):
        assert body[offset:].startswith(b"%d 0 obj\n" % number)


async def test_broken_always_answers_500(client):
    for _ in range(3):
        await assert_json_error(await client.get("/broken"), 500, "always fails, on purpose")


async def test_busy_answers_503_first_then_200_until_reset(client):
    await assert_json_error(await client.get("/busy"), 503, "try again")
    assert (await client.get("/busy")).status == 200
    assert (await client.get("/busy")).status == 200
    site_counters(client.app).reset()
    assert (await client.get("/busy")).status == 503


async def test_a_link_to_nowhere_is_a_json_404(client):
    await assert_json_error(await client.get("/missing"), 404, "no endpoint at /missing")


async def test_moved_redirects_permanently_and_lands(client):
    resp = await client.get("/moved", allow_redirects=False)
    assert (resp.status, resp.headers["Location"]) == (301, "/blog/new-home")
    resp = await client.get("/moved")
    assert (resp.status, resp.url.path, len(resp.history)) == (200, "/blog/new-home", 1)


async def test_the_loop_never_lands(client):
    first = await client.get("/loop/a", allow_redirects=False)
    second = await client.get("/loop/b", allow_redirects=False)
    assert (first.status, first.headers["Location"]) == (302, "/loop/b")
    assert (second.status, second.headers["Location"]) == (302, "/loop/a")
    with pytest.raises(aiohttp.TooManyRedirects):
        await client.get("/loop/a")


async def test_members_pages_need_the_cookie_login_sets(aiohttp_client):
    app = create_crawl_app()
    plain = await aiohttp_client(app)
    await assert_json_error(await plain.get("/account/orders"), 403, "members only: /account/login sets")
    await assert_json_error(await plain.get("/account/orders", headers={"Cookie": "member=eve"}), 403, "members")
    resp = await plain.get("/account/login")
    cookie = resp.cookies[MEMBER_COOKIE[0]]
    assert (cookie.value, cookie["path"], cookie["httponly"]) == (MEMBER_COOKIE[1], "/", True)
    member = {"Cookie": f"{MEMBER_COOKIE[0]}={MEMBER_COOKIE[1]}"}
    for url in ("/account/orders", "/account/orders/1", "/account/orders/2", "/account/settings"):
        assert (await plain.get(url, headers=member)).status == 200, url


async def test_the_huge_page_is_streamed_with_its_length(client):
    head = await client.head("/huge")
    assert (head.status, head.content_length, await head.read()) == (200, HUGE_BYTES, b"")
    resp = await client.get("/huge")
    body = await resp.read()
    assert (resp.content_type, resp.content_length, len(body)) == ("text/html", HUGE_BYTES, HUGE_BYTES)
    assert links_of(body.decode()) == ["/"]
    assert max(len(chunk) for chunk in huge_page_chunks()) == len(HUGE_CHUNK) == 64 * 1024, "never held whole"
    assert 4 * MiB < HUGE_BYTES < 4 * MiB + 1024


async def test_a_crawler_with_a_cap_can_hang_up_on_the_huge_page(site):
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{site.url}/huge") as resp:
            assert resp.content_length == HUGE_BYTES
            await resp.content.read(1024)
        # leaving the block without reading the rest closes the connection; the site carries on
        async with session.get(f"{site.url}/") as resp:
            assert resp.status == 200
    assert await site.idle()
    assert site.stats().by_path == {"/": 1, "/huge": 1}
    assert site.stats().in_flight == 0


@pytest.mark.parametrize(("url", "seconds"), sorted(SLOW_PAGES.items()))
async def test_slow_pages_take_their_time(client, url, seconds):
    started = time.perf_counter()
    assert (await client.get(url)).status == 200
    elapsed = time.perf_counter() - started
    assert seconds <= elapsed < seconds + 1.0


async def test_stuck_times_out_and_the_site_sees_the_client_go(site):
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=0.3)) as session:
        with pytest.raises(TimeoutError):
            async with session.get(f"{site.url}/stuck"):
                pass
    assert await site.idle()
    (entry,) = site.stats().log
    assert (entry.path, entry.status) == ("/stuck", None), "the handler was cancelled: no answer was sent"
    assert entry.finished - entry.started < STUCK_SECONDS


async def test_a_query_the_table_lacks_is_ignored(client):
    second = await (await client.get("/blog/archive?page=2")).text()
    assert "Archive, page 2" in second
    assert "Archive, page 1" in await (await client.get("/blog/archive?page=9")).text()
    assert "Search results" in await (await client.get("/search?q=anything")).text()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
async def test_other_methods_get_a_json_405(client, method):
    await assert_json_error(await client.request(method, "/"), 405, f"{method} is not allowed on /")


# --- what the site counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("at_once", [1, 3, 7])
async def test_the_site_counts_requests_in_flight(site, at_once):
    async with aiohttp.ClientSession() as session:

        async def get(url: str) -> int:
            async with session.get(f"{site.url}{url}") as resp:
                await resp.read()
                return resp.status

        statuses = await asyncio.gather(*(get("/slow/a") for _ in range(at_once)))
        assert site.stats().max_in_flight == at_once
        assert await get("/missing") == 404
    assert statuses == [200] * at_once
    stats = site.stats()
    assert (stats.requests, stats.in_flight, stats.max_in_flight) == (at_once + 1, 0, at_once)
    assert stats.by_path == {"/missing": 1, "/slow/a": at_once}
    assert stats.by_status == {200: at_once, 404: 1}
    assert [entry.path for entry in stats.log] == ["/slow/a"] * at_once + ["/missing"]
    assert all(entry.finished - entry.started >= SLOW_PAGES["/slow/a"] for entry in stats.log[:at_once])


async def test_the_most_in_flight_is_the_number_sent_at_once(site):
    async with aiohttp.ClientSession() as session:

        async def get() -> None:
            async with session.get(f"{site.url}/slow/a") as resp:
                await resp.read()

        await asyncio.gather(*(get() for _ in range(5)))
        assert site.stats().max_in_flight == 5
        site.reset()
        for _ in range(3):
            await get()
    assert site.stats().max_in_flight == 1, "one after the other: never two in flight"


async def test_reset_during_a_request_never_goes_below_zero(site):
    async with aiohttp.ClientSession() as session:
        request = asyncio.create_task(session.get(f"{site.url}/slow/b"))
        await asyncio.sleep(0.15)
        assert site.stats().in_flight == 1
        site.reset()
        assert (site.stats().in_flight, site.stats().max_in_flight, site.stats().requests) == (1, 1, 0)
        resp = await request
        await resp.read()
        resp.release()
    assert await site.idle()
    assert site.stats().in_flight == 0


async def test_the_state_stays_bounded_whatever_is_asked(client):
    for i in range(MAX_LOG + 200):
        resp = await client.get(f"/nowhere-{i}?{'x' * (i % 50)}={i}")
        assert resp.status == 404
    stats = site_counters(client.app).snapshot()
    assert stats.by_path == {OTHER: MAX_LOG + 200}
    assert len(stats.log) == MAX_LOG
    assert set(stats.by_path) <= COUNTED | {OTHER}


# --- starting, determinism, loopback -----------------------------------------------------------------


def answers(site) -> dict[str, tuple[int, str, str]]:
    """Every page's status, type and body digest (the site's own origin written as {origin}), /stuck aside."""

    async def fetch_all() -> dict[str, tuple[int, str, str]]:
        async with aiohttp.ClientSession() as session:

            async def one(url: str) -> tuple[int, str, str]:
                async with session.get(f"{site.url}{url}", allow_redirects=False) as resp:
                    body = (await resp.read()).replace(site.url.encode(), b"{origin}")
                    return resp.status, resp.content_type, hashlib.sha256(body).hexdigest()

            urls = [url for url in PAGES if url != "/stuck"] + ["/robots.txt", "/missing"]
            return dict(zip(urls, await asyncio.gather(*(one(url) for url in urls)), strict=True))

    return asyncio.run(fetch_all())


def test_two_sites_give_the_same_answers():
    with start_crawl_site_in_thread(reuse=False) as first, start_crawl_site_in_thread(reuse=False) as second:
        assert first.port != second.port
        assert answers(first) == answers(second)
        assert first.stats().by_path == second.stats().by_path


async def test_a_crawl_after_reset_is_the_same_and_without_reset_busy_answers_at_once(site):
    first = (await reference_crawl(site.url)).as_expected(never_requested(site))
    counts = site.stats().by_path
    site.reset()
    assert (await reference_crawl(site.url)).as_expected(never_requested(site)) == first
    assert site.stats().by_path == counts
    third = await reference_crawl(site.url)
    assert third.as_expected(first.never_requested) == first, "the same report: /busy succeeds, without a retry"
    assert site.stats().by_path["/busy"] == BUSY_FAILURES + 1 + 1, "the third crawl's /busy got 200 at once"


async def test_start_returns_the_shared_site_reset_and_stop_ends_it():
    stop_crawl_site()
    site = await start_crawl_site()
    try:
        assert site.url == f"http://127.0.0.1:{site.port}" and site.robots_url == f"{site.url}/robots.txt"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{site.url}/busy") as resp:
                assert resp.status == 503
        assert await start_crawl_site() is site
        assert start_crawl_site_in_thread() is site
        assert site.stats().requests == 0, "starting again resets the counters"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{site.url}/busy") as resp:
                assert resp.status == 503, "and /busy fails again"
        assert site.expected_report() == expected_report()
    finally:
        stop_crawl_site()
    assert not site.running
    other = start_crawl_site_in_thread()
    try:
        assert other is not site and other.running
    finally:
        stop_crawl_site()


def test_the_package_exports_the_crawl_site():
    assert local_server.start_crawl_site is start_crawl_site
    assert local_server.create_crawl_app is create_crawl_app


@pytest.mark.skipif(not is_local("127.0.0.1"), reason="needs the loopback interface")
def test_the_site_listens_on_127_0_0_1_only(site):
    assert site.host == "127.0.0.1"
    assert listening_addresses(site.port) in ([], ["127.0.0.1"])  # [] where /proc/net/tcp is missing
    others = [address for address in ("::1", "127.0.0.2") if is_local(address)]
    assert_refused(others, site.port)


# --- abuse: odd paths, huge queries, random requests --------------------------------------------------

ODD_PATHS = [
    "/..", "/../robots.txt", "/%2e%2e/robots.txt", "/docs/..%2F..%2Fetc", "/%00", "/%FF%FE", "/docs%00",
    "//", "///docs", "/docs/", "/private", "/account/", "/loop/", "/media/", "/media/logo.png/", "/%7Euser",
    "/" + "a" * 4000, "/" + "/".join(["x"] * 500), "/search?" + "q=" + "9" * 7000, "/?" + "&".join(["a=1"] * 1500),
    "/busy?" + quote("\u00e9\U0001f40d" * 200), "/blog/archive?page=" + "%FF" * 1000, "/huge?x=1", "/*", "/;",
]  # fmt: skip


@pytest.fixture(scope="module")
def abuse_site():
    with start_crawl_site_in_thread(reuse=False) as started:
        records = SafetyNetRecords()
        logger = logging.getLogger("local_server")
        logger.addHandler(records)
        try:
            yield started, records
            assert asyncio.run(send(started.url, "GET", "/")) == 200, "the site still answers after the abuse"
        finally:
            logger.removeHandler(records)
    gc.collect()


class SafetyNetRecords(logging.Handler):
    """What the 500 safety net logs (logger `local_server`), even for an answer no client saw."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


async def send(base: str, method: str, path_qs: str, headers=None) -> int:
    async with asyncio.timeout(10):
        async with aiohttp.ClientSession() as session:
            url = URL(base + path_qs, encoded=True)
            async with session.request(method, url, headers=headers, allow_redirects=False) as resp:
                await resp.read()
                return resp.status


def check_answer(abuse_site, method: str, path_qs: str, headers=None) -> int:
    site, records = abuse_site
    records.messages.clear()
    status = asyncio.run(send(site.url, method, path_qs, headers))
    on_purpose = URL(path_qs, encoded=True).path in FAILING_ON_PURPOSE
    assert status < 500 or on_purpose, f"{method} {path_qs[:200]} -> {status}"
    assert not records.messages, records.messages
    return status


@pytest.mark.parametrize("path_qs", ODD_PATHS, ids=[f"{path[:30]}…{len(path)}" for path in ODD_PATHS])
def test_odd_paths_and_huge_queries_get_a_4xx_or_a_page(abuse_site, path_qs):
    status = check_answer(abuse_site, "GET", path_qs)
    assert status in (200, 400, 404, 414, 431, 503), status


@pytest.mark.parametrize(
    "headers",
    [
        {"Host": "localhost:99999"},
        {"Host": "\u00e9vil"},
        {"Cookie": "member=" + "a" * 6000},
        {"Cookie": ";;;=;member"},
        {"Cookie": "member=ada; member=eve"},
        {"Range": "bytes=0-10"},
        {"Accept-Encoding": "gzip, br"},
    ],
)
def test_odd_headers_get_a_4xx_or_a_page(abuse_site, headers):
    check_answer(abuse_site, "GET", "/account/orders", headers)


FUZZ_URLS = sorted(url for url in PAGES if url != "/stuck") + ["/robots.txt", "/missing"]
RAW_SEGMENTS = ["..", ".", "%2F", "%00", "%", "%G1", "~", "*", ";", ":", "@", "!", "$", "'", "busy", "a"]
segment = st.one_of(
    st.text(max_size=12).map(lambda text: quote(text, safe="")),
    st.sampled_from(RAW_SEGMENTS),
    st.binary(min_size=1, max_size=8).map(lambda raw: "".join(f"%{byte:02X}" for byte in raw)),
)
fuzz_paths = st.one_of(
    st.sampled_from(FUZZ_URLS),
    st.tuples(st.sampled_from(FUZZ_URLS), st.lists(segment, max_size=3)).map(lambda t: "/".join([t[0], *t[1]])),
    st.lists(segment, max_size=4).map(lambda parts: "/" + "/".join(parts)),
)
fuzz_queries = st.lists(
    st.tuples(st.text(max_size=8), st.text(max_size=20)).map(lambda kv: f"{quote(kv[0])}={quote(kv[1])}"), max_size=4
).map(lambda items: "?" + "&".join(items) if items else "")
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND"]


@settings(deadline=None, database=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(method=st.sampled_from(METHODS), path=fuzz_paths, query=fuzz_queries)
def test_random_requests_are_answered_below_500_except_on_purpose(abuse_site, method, path, query):
    check_answer(abuse_site, method, path + query)


def test_the_count_of_other_paths_never_grows_keys(abuse_site):
    site, _ = abuse_site
    assert set(site.stats().by_path) <= COUNTED | {OTHER}


def test_every_failure_kind_is_one_a_page_can_have():
    assert set(FAILURE_KINDS) == {kind for policy in POLICIES.values() for kind in expected_report(**policy).failures}
    assert Counter(page.kind for page in PAGES.values())[Kind.REDIRECT] == 3
