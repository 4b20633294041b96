"""What a polite crawl of the site finds, worked out from the table (no request is sent): `expected_report()`.

The crawl it models starts at ``/``, reads robots.txt first and asks for nothing it disallows, follows only
``<a href>`` links that stay on the site's origin (fragments dropped, each URL once), resolves a page's
links against the URL it finally landed on, parses only HTML, follows redirects as aiohttp does (at most
`MAX_REDIRECTS`), and retries a 5xx answer `retries` times. The tests run a real crawl over HTTP and
compare it with this, for several policies.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

from .content import HUGE_BYTES, LARGEST_NORMAL_PAGE
from .graph import (
    BUSY_FAILURES,
    MAX_REDIRECTS,
    PAGES,
    ROBOTS_TXT,
    STUCK_SECONDS,
    Kind,
    find_page,
    on_site_path,
    resolve_link,
)

FAILURE_KINDS = ("forbidden", "not_found", "server_error", "timeout", "too_large", "too_many_redirects")
"""Every way a page can fail: 403 (no member cookie), 404, a 5xx left after the retries, no answer within the
timeout, larger than the size cap, a redirect loop (aiohttp's TooManyRedirects)."""
USER_AGENT = "course-crawler/1.0"
"""A user agent for the lesson's crawler; any but GreedyBot gets robots.txt's ``*`` rules."""
MODEL_ORIGIN = "http://crawl-site.test"
"""The origin the model crawls (it sends nothing): reports hold paths, which do not depend on it."""
SAFE_TIMEOUTS = "at least 1 s and at most 2.5 s (/stuck times out), at least 3.5 s, or None (/stuck answers)"
MiB = 1024 * 1024


@dataclass(frozen=True)
class ExpectedCrawl:
    """A crawl's outcome. Paths include the query (``/blog/archive?page=2``); every tuple is sorted."""

    fetched: tuple[str, ...]
    """Pages answered 2xx and read (HTML and files), by the URL they were finally read from."""
    files: dict[str, str]
    """The fetched pages that are not HTML, with their media type: read, not parsed."""
    redirects: dict[str, str]
    """Linked URL -> the URL it redirected to, for redirects that landed (the loop fails instead)."""
    failures: dict[str, tuple[str, ...]]
    """Kind (one of `FAILURE_KINDS`, only those that happened) -> the linked URLs that failed that way."""
    disallowed: tuple[str, ...]
    """On-site links robots.txt forbids: never requested."""
    off_site: tuple[str, ...]
    """Links off the site's origin (other hosts, mailto:), as absolute URLs: never requested."""
    never_requested: tuple[str, ...]
    """Pages of the site a polite crawl never asks for: disallowed, or linked only from pages it does not read."""

    @property
    def failure_counts(self) -> dict[str, int]:
        return {kind: len(urls) for kind, urls in self.failures.items()}

    def summary(self) -> dict[str, object]:
        """The counts a crawler's final report gives: pages fetched, failures by kind, links not followed."""
        return {
            "fetched": len(self.fetched),
            "failures": self.failure_counts,
            "redirects": len(self.redirects),
            "disallowed": len(self.disallowed),
            "off_site": len(self.off_site),
        }


def site_robots() -> RobotFileParser:
    """robots.txt parsed by the standard library, as the lesson's crawler parses it."""
    robots = RobotFileParser()
    robots.parse(ROBOTS_TXT.splitlines())
    return robots


def _check_policy(retries: int, timeout: float | None, max_bytes: int | None) -> None:
    if retries < 0:
        raise ValueError(f"retries must be 0 or more, got {retries}")
    if timeout is not None and not (1.0 <= timeout <= STUCK_SECONDS - 0.5 or timeout >= STUCK_SECONDS + 0.5):
        raise ValueError(f"a timeout of {timeout} s gives an outcome that depends on the load; use {SAFE_TIMEOUTS}")
    if max_bytes is not None and max_bytes < LARGEST_NORMAL_PAGE:
        raise ValueError(f"a size cap of {max_bytes} bytes is below the largest page ({LARGEST_NORMAL_PAGE} bytes)")


def expected_report(
    *, keeps_cookies: bool = True, retries: int = 2, timeout: float | None = 1.5, max_bytes: int | None = MiB
) -> ExpectedCrawl:
    """What a polite crawl finds with this policy (the defaults: what lesson 23's crawler does).

    `keeps_cookies`: the session stores the member cookie (``CookieJar(unsafe=True)``: the site is an IP
    address); `retries`: extra attempts after a 5xx; `timeout`: seconds per request (None: no timeout);
    `max_bytes`: the size cap (None: no cap). A timeout or cap whose outcome would depend on the machine's
    load is refused with ValueError.
    """
    _check_policy(retries, timeout, max_bytes)
    robots = site_robots()
    fetched, files, redirects, disallowed, off_site = set(), {}, {}, set(), set()
    failures: dict[str, set[str]] = {}
    queue, seen, requested = deque(["/"]), {"/"}, set()
    while queue:
        url = queue.popleft()
        page, final, hops = find_page(url), url, 0
        while page is not None and page.kind is Kind.REDIRECT and hops <= MAX_REDIRECTS:
            requested.add(page.url)
            final, hops = page.location, hops + 1
            page = find_page(final)
        if page is not None:
            requested.add(page.url)
        if final != url and hops <= MAX_REDIRECTS:
            redirects[url] = final
            seen.add(final)
        failure = None
        if page is None:
            failure = "not_found"
        elif page.kind is Kind.REDIRECT:
            failure = "too_many_redirects"
        elif page.kind is Kind.BROKEN or (page.kind is Kind.BUSY and retries < BUSY_FAILURES):
            failure = "server_error"
        elif timeout is not None and page.delay >= timeout:
            failure = "timeout"
        elif page.kind is Kind.MEMBERS and not keeps_cookies:
            failure = "forbidden"
        elif page.kind is Kind.HUGE and max_bytes is not None and HUGE_BYTES > max_bytes:
            failure = "too_large"
        if failure is not None:
            failures.setdefault(failure, set()).add(url)
            continue
        fetched.add(final)
        if page.kind is Kind.FILE:
            files[final] = page.media_type
            continue
        for href in page.links:
            link = resolve_link(final, href, MODEL_ORIGIN)
            path = on_site_path(link, MODEL_ORIGIN)
            if path is None:
                off_site.add(link)
            elif not robots.can_fetch(USER_AGENT, link):
                disallowed.add(path)
            elif path not in seen:
                seen.add(path)
                queue.append(path)
    return ExpectedCrawl(
        fetched=tuple(sorted(fetched)),
        files=dict(sorted(files.items())),
        redirects=dict(sorted(redirects.items())),
        failures={kind: tuple(sorted(failures[kind])) for kind in FAILURE_KINDS if kind in failures},
        disallowed=tuple(sorted(disallowed)),
        off_site=tuple(sorted(off_site)),
        never_requested=tuple(sorted(set(PAGES) - requested)),
    )
