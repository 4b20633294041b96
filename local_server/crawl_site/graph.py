"""The crawl site's pages, as one table read top to bottom, and its robots.txt.

Every page is a `Page`: its URL (a path, with a query for the one page that has one), its title, the links
it carries exactly as written in its HTML (``{origin}`` stands for the site's own ``http://127.0.0.1:PORT``),
and its kind, which says how it answers. Nothing here is random: the table is the site.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

PAGE_LATENCY = 0.03
"""Seconds every page waits before answering (a network's latency), so that the site sees requests overlap."""
SLOW_PAGES = {"/slow/a": 0.3, "/slow/b": 0.45, "/slow/c": 0.6}
"""The slow pages and how long each takes to answer, in seconds (a crawler's timeout must be longer)."""
STUCK_SECONDS = 3.0
"""How long /stuck waits before it answers: longer than any sensible per-request timeout (1-2 s)."""
BUSY_FAILURES = 1
"""How many requests /busy answers with 503 (counted since the site started or was reset) before it answers 200."""
MEMBER_COOKIE = ("member", "ada")
"""The cookie /account/login sets (name, value); the pages under /account/ answer 403 without it."""
MAX_REDIRECTS = 10
"""How many redirects aiohttp follows by default (`max_redirects`): /loop/a never ends, so it always fails."""
ORIGIN = "{origin}"
"""How a link in the table names the site's own origin; the server writes ``http://127.0.0.1:PORT`` there."""
OTHER = "(other)"
"""The key under which the site counts requests for paths it does not serve."""


class Kind(enum.StrEnum):
    PAGE = "page"  # an HTML page
    FILE = "file"  # a file that is not HTML (a picture, a PDF): nothing to parse
    LOGIN = "login"  # an HTML page that sets the member cookie
    MEMBERS = "members"  # an HTML page that answers 403 without the member cookie
    BROKEN = "broken"  # answers 500, always
    BUSY = "busy"  # answers 503 `BUSY_FAILURES` times, then 200
    STUCK = "stuck"  # answers after `STUCK_SECONDS`
    HUGE = "huge"  # an HTML page of `HUGE_BYTES`
    REDIRECT = "redirect"  # a redirect to `location`


@dataclass(frozen=True)
class Page:
    url: str
    title: str
    links: tuple[str, ...] = ()
    kind: Kind = Kind.PAGE
    delay: float = PAGE_LATENCY
    location: str = ""
    redirect_status: int = 302
    media_type: str = "text/html"


DOC_TOPICS = (
    "intro", "install", "quickstart", "sessions", "requests", "responses",
    "timeouts", "retries", "cookies", "redirects", "streaming", "testing",
)  # fmt: skip
BLOG_POSTS = 10
SHOP_ITEMS = 8

DOC_EXTRAS = {
    "install": ("/media/report.pdf", "/slow/a"),
    "timeouts": ("/stuck", "/slow/b"),
    "retries": ("/busy", "/broken"),
    "redirects": ("/loop/a", "/moved"),
    "streaming": ("/huge", "/media/logo.png"),
    "testing": ("/missing", "https://example.org/testing"),
}
"""Links to the pages that misbehave on purpose, each from the docs page about that kind of trouble."""
BLOG_EXTRAS = {
    3: ("mailto:editor@example.com",),
    6: ("//example.net/feed",),
    9: ("/private/plans",),
}


def _docs() -> list[Page]:
    pages = [Page("/docs", "Documentation", tuple(f"docs/{topic}" for topic in DOC_TOPICS))]  # relative to /docs
    for i, topic in enumerate(DOC_TOPICS):
        neighbours = []
        if i + 1 < len(DOC_TOPICS):
            neighbours += [DOC_TOPICS[i + 1], DOC_TOPICS[i + 1]]  # the next page, linked twice
        if i > 0:
            neighbours.append(f"{DOC_TOPICS[i - 1]}#top")  # the previous one, with a fragment
        post = (i * 7) % BLOG_POSTS + 1
        links = ("/docs", *neighbours, f"../blog/post-{post}", f"{ORIGIN}/", *DOC_EXTRAS.get(topic, ()))
        pages.append(Page(f"/docs/{topic}", f"Docs: {topic}", links))
    return pages


def _blog() -> list[Page]:
    posts = tuple(f"blog/post-{n}" for n in range(1, BLOG_POSTS + 1))  # relative to /blog
    pages = [
        Page("/blog", "Blog", (*posts, "/blog/archive", "/blog/archive?page=2")),
        Page("/blog/archive", "Archive, page 1", (*(f"post-{n}" for n in range(1, BLOG_POSTS + 1)), "?page=2")),
        Page("/blog/archive?page=2", "Archive, page 2", ("archive", "/slow/c", "post-1#comments")),
        # Reached only through /moved: a crawler that resolves "archive" against /moved asks for /archive (404).
        Page("/blog/new-home", "The blog's new home", ("archive", "/blog")),
    ]
    for n in range(1, BLOG_POSTS + 1):
        nxt = (f"post-{n + 1}",) if n < BLOG_POSTS else ()
        topic = DOC_TOPICS[(n * 5) % len(DOC_TOPICS)]
        links = ("/blog", *nxt, f"../docs/{topic}", f"/blog/post-{n}#comments", *BLOG_EXTRAS.get(n, ()))
        pages.append(Page(f"/blog/post-{n}", f"Post {n}", links))
    return pages


def _shop() -> list[Page]:
    items = tuple(f"{ORIGIN}/shop/item-{n}" for n in range(1, SHOP_ITEMS + 1))  # absolute URLs
    pages = [Page("/shop", "Shop", (*items, "/account/login"))]
    for n in range(1, SHOP_ITEMS + 1):
        nxt = (f"item-{n + 1}",) if n < SHOP_ITEMS else ("item-1",)
        pages.append(Page(f"/shop/item-{n}", f"Item {n}", ("/shop", *nxt, f"{ORIGIN}/shop#basket")))
    return pages


def _site() -> list[Page]:
    home_links = (
        "/docs", "blog", f"{ORIGIN}/shop", "/about", "/account/login", "/private/", "/search?q=aiohttp",
        "https://example.com/", "#main", "/docs", "/moved",
    )  # fmt: skip
    return [
        Page("/", "Crawl site", home_links),
        *_docs(),
        *_blog(),
        *_shop(),
        Page("/about", "About us", ("/", "/private/press-kit", "contact")),
        Page("/contact", "Contact", ("mailto:webmaster@example.com", "https://example.com/contact", "/")),
        # robots.txt disallows /private/ but allows /private/press-kit (linked from /about too).
        Page("/private/", "Private", ("plans", "press-kit", "/secret-garden")),
        Page("/private/plans", "Plans", ("/secret-garden",)),
        Page("/private/press-kit", "Press kit", ("/about", "/media/logo.png")),
        Page("/secret-garden", "Secret garden", ("/",)),  # linked only from disallowed pages: polite crawls miss it
        Page("/search", "Search results", ("/secret-garden",)),  # disallowed; any query gets this page
        Page("/account/login", "Sign in", ("orders", "settings"), Kind.LOGIN),
        Page("/account/orders", "Your orders", ("orders/1", "orders/2", "settings"), Kind.MEMBERS),
        Page("/account/orders/1", "Order 1", ("/account/orders",), Kind.MEMBERS),
        Page("/account/orders/2", "Order 2", ("/account/orders",), Kind.MEMBERS),
        Page("/account/settings", "Settings", ("orders",), Kind.MEMBERS),
        *(Page(url, f"Slow page ({delay} s)", ("/",), delay=delay) for url, delay in SLOW_PAGES.items()),
        Page("/busy", "Busy page", ("/docs/retries",), Kind.BUSY),
        Page("/broken", "Broken page", (), Kind.BROKEN),
        Page("/stuck", "Stuck page", ("/",), Kind.STUCK, delay=STUCK_SECONDS),
        Page("/huge", "Huge page", ("/",), Kind.HUGE),
        Page("/loop/a", "Loop, a", kind=Kind.REDIRECT, location="/loop/b"),
        Page("/loop/b", "Loop, b", kind=Kind.REDIRECT, location="/loop/a"),
        Page("/moved", "Moved", kind=Kind.REDIRECT, location="/blog/new-home", redirect_status=301),
        Page("/media/logo.png", "Logo", kind=Kind.FILE, media_type="image/png"),
        Page("/media/report.pdf", "Report", kind=Kind.FILE, media_type="application/pdf"),
    ]


PAGES: dict[str, Page] = {page.url: page for page in _site()}
"""Every page the site serves, by URL (path, and query for /blog/archive?page=2)."""
MISSING = "/missing"
"""The one link that leads nowhere (404); the site counts requests for it under its own name."""

ROBOTS_TXT = """\
# The crawl site of lesson 23. Rules are read top to bottom and the first that matches wins
# (urllib.robotparser), so the Allow line comes before the Disallow that would cover it.

User-agent: GreedyBot
Crawl-delay: 2
Disallow: /

User-agent: *
Allow: /private/press-kit
Disallow: /private/
Disallow: /search
"""
"""No Crawl-delay for ``*``: urllib.robotparser reads only whole seconds, and one second a request would make
the crawl last a minute. GreedyBot's group shows rules chosen by user agent (`crawl_delay("GreedyBot") == 2`)."""


def find_page(path_qs: str) -> Page | None:
    """The page at `path_qs`: the exact URL if the table has it, else the page at its path (a query is ignored)."""
    page = PAGES.get(path_qs)
    if page is None:
        page = PAGES.get(path_qs.split("?", 1)[0])
    return page


def resolve_link(page_url: str, href: str, origin: str) -> str:
    """The absolute URL `href` points to from the page at `origin + page_url`, without its fragment."""
    return urldefrag(urljoin(origin + page_url, href.replace(ORIGIN, origin))).url


def on_site_path(url: str, origin: str) -> str | None:
    """`url`'s path and query if it is on the site (same scheme, host and port as `origin`), else None."""
    parts, own = urlsplit(url), urlsplit(origin)
    if (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
        return None
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
