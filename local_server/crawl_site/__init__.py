"""A small website for lesson 23's crawler: 61 pages with a fixed link graph, its own robots.txt, traps on purpose.

It runs on a loopback port of its own, next to the echo (whose /robots.txt stays httpbin's), in a background
thread: ``site = await start_crawl_site()``, then crawl ``site.url + "/"``. Running the cell again returns
the same site, reset. Nothing is random; the table in `graph.py` is the site.

The graph
- ``/`` links to /docs, /blog, /shop (an absolute URL), /about, /account/login, /private/ and
  /search?q=aiohttp (both disallowed), https://example.com/, ``#main`` (itself), /docs again, /moved.
- /docs and 12 pages /docs/<topic> (intro … testing): each links to /docs, the next topic twice, the
  previous one with a fragment, a blog post (``../blog/post-N``) and home (absolute). The index's links
  are relative to /docs (``docs/intro``). Six topics link to the traps: install → /media/report.pdf and
  /slow/a; timeouts → /stuck and /slow/b; retries → /busy and /broken; redirects → /loop/a and /moved;
  streaming → /huge and /media/logo.png; testing → /missing and https://example.org/testing.
- /blog, /blog/archive, /blog/archive?page=2 (a query: a page of its own) and /blog/post-1 … post-10, each
  post linking to the next, a docs topic and itself with ``#comments``; post-3 has a mailto: link, post-6
  ``//example.net/feed`` (another host, scheme-relative), post-9 /private/plans (disallowed).
- /shop and /shop/item-1 … item-8 (absolute links), /about, /contact (mailto: and https://example.com/contact).
- /blog/new-home, reached only through /moved (301). Its link ``archive`` is /blog/archive when resolved
  against the URL the redirect landed on, and /archive (a 404) when resolved against /moved.
- /account/login sets the cookie ``member=ada`` (Path=/) and is the only page linking into /account/orders
  and /account/settings, which (with /account/orders/1 and /2 behind them) answer 403 without it. The site
  is an IP address: aiohttp's default jar drops its cookies, ``CookieJar(unsafe=True)`` keeps them.
- robots.txt: for ``*``, ``Allow: /private/press-kit``, ``Disallow: /private/``, ``Disallow: /search``;
  a GreedyBot group (``Crawl-delay: 2``, ``Disallow: /``) shows rules chosen by user agent.
  /private/ and /private/plans link to /secret-garden: only a crawler that ignores robots.txt finds it.

Answers: every page waits `PAGE_LATENCY` (0.03 s) first; /slow/a, /b, /c take 0.3, 0.45, 0.6 s; /stuck
3 s (`STUCK_SECONDS`); /broken answers 500 always; /busy 503 to its first request since the site started
or was reset (`BUSY_FAILURES`), then 200; /loop/a and /loop/b redirect to each other (302) for ever;
/huge is 4 MiB of HTML (`HUGE_BYTES`, with Content-Length); /media/logo.png and /media/report.pdf are not
HTML; /missing is a 404. Errors are JSON (``{"error": …, "status": …}``), as on the echo.

What a polite crawl finds (`expected_report()`, worked out from the table and checked by a real crawl in
the tests) with the default policy (keeps cookies, 2 retries, 1.5 s timeout, 1 MiB cap): 51 pages fetched
(2 of them files), 1 redirect, failures not_found /missing, server_error /broken, timeout /stuck,
too_large /huge, too_many_redirects /loop/a; 3 disallowed links, 6 off-site links; never requested:
/private/, /private/plans, /search, /secret-garden. Without cookies: 47 fetched and forbidden
/account/orders and /account/settings; with no retries: /busy is a server_error too (50 fetched).

What the site saw: ``site.stats()`` (requests in flight now and at most, requests per page, per status,
a log of answers with their times), ``site.reset()`` before each crawl you measure.
"""

from .content import HUGE_BYTES, LARGEST_NORMAL_PAGE
from .graph import (
    BUSY_FAILURES,
    MEMBER_COOKIE,
    MISSING,
    OTHER,
    PAGE_LATENCY,
    PAGES,
    ROBOTS_TXT,
    SLOW_PAGES,
    STUCK_SECONDS,
    Kind,
    Page,
)
from .runner import CrawlSite, start_crawl_site, start_crawl_site_in_thread, stop_crawl_site
from .server import FAILING_ON_PURPOSE, CrawlStats, SeenRequest, SiteCounters, create_crawl_app, site_counters
from .truth import FAILURE_KINDS, USER_AGENT, ExpectedCrawl, expected_report, site_robots

__all__ = [
    "BUSY_FAILURES",
    "FAILING_ON_PURPOSE",
    "FAILURE_KINDS",
    "HUGE_BYTES",
    "LARGEST_NORMAL_PAGE",
    "MEMBER_COOKIE",
    "MISSING",
    "OTHER",
    "PAGES",
    "PAGE_LATENCY",
    "ROBOTS_TXT",
    "SLOW_PAGES",
    "STUCK_SECONDS",
    "USER_AGENT",
    "CrawlSite",
    "CrawlStats",
    "ExpectedCrawl",
    "Kind",
    "Page",
    "SeenRequest",
    "SiteCounters",
    "create_crawl_app",
    "expected_report",
    "site_counters",
    "site_robots",
    "start_crawl_site",
    "start_crawl_site_in_thread",
    "stop_crawl_site",
]
