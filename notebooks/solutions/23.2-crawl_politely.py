import asyncio
from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

import aiohttp
from yarl import URL

from local_server.crawl_site import USER_AGENT

TIMEOUT = aiohttp.ClientTimeout(total=1.0)  # the slowest honest page takes 0.6 s; /stuck 3 s
RETRIES, BACKOFF = 2, 0.05  # after a 5xx or a timeout: 0.05 s, then 0.1 s
MAX_REDIRECTS, MAX_BYTES = 5, 1024 * 1024
RETRIED = {"server_error", "timeout"}


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value is not None]


def links_in(html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    parser.close()
    return parser.hrefs


async def fetch_once(session: aiohttp.ClientSession, url: URL) -> tuple[str | None, URL, str]:
    """One attempt: (failure kind or None, the URL the page came from, its HTML or "")."""
    try:
        async with session.get(url, max_redirects=MAX_REDIRECTS) as resp:
            if resp.status >= 500:
                return "server_error", resp.url, ""
            if resp.status >= 400:
                return {403: "forbidden", 404: "not_found"}.get(resp.status, f"http_{resp.status}"), resp.url, ""
            if resp.content_length is not None and resp.content_length > MAX_BYTES:
                return "too_large", resp.url, ""  # leaving the block unread closes the connection
            body, size = [], 0
            async for chunk in resp.content.iter_chunked(64 * 1024):
                size += len(chunk)
                if size > MAX_BYTES:
                    return "too_large", resp.url, ""
                body.append(chunk)
            if resp.content_type != "text/html":
                return None, resp.url, ""  # fetched, nothing to parse
            return None, resp.url, b"".join(body).decode(resp.charset or "utf-8", errors="replace")
    except TimeoutError:
        return "timeout", url, ""
    except aiohttp.TooManyRedirects:
        return "too_many_redirects", url, ""


async def fetch_page(session: aiohttp.ClientSession, url: URL) -> tuple[str | None, URL, str]:
    """fetch_once, retried after a 5xx or a timeout, waiting BACKOFF, then twice as long each time."""
    for attempt in range(RETRIES + 1):
        kind, final, html = await fetch_once(session, url)
        if kind not in RETRIED or attempt == RETRIES:
            return kind, final, html
        await asyncio.sleep(BACKOFF * 2**attempt)
    raise AssertionError("unreachable")


async def crawl_politely(start_url: str, max_in_flight: int) -> dict:
    """Crawl the site of start_url politely, at most max_in_flight requests at once; return the report."""
    start = URL(start_url)
    report = {"fetched": set(), "failures": {}, "redirects": {}, "disallowed": set(), "off_site": set()}
    frontier: asyncio.Queue[URL] = asyncio.Queue()
    seen = {start}
    frontier.put_nowait(start)

    session = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=max_in_flight),
        cookie_jar=aiohttp.CookieJar(unsafe=True),  # the site is an IP address
        headers={"User-Agent": USER_AGENT},
        timeout=TIMEOUT,
    )
    async with session:
        robots = RobotFileParser()
        async with session.get(start.join(URL("/robots.txt"))) as resp:
            robots.parse((await resp.text()).splitlines() if resp.status < 400 else [])

        async def visit(url: URL) -> None:
            kind, final, html = await fetch_page(session, url)
            if kind is not None:
                report["failures"].setdefault(kind, set()).add(url.path_qs)
                return
            if final != url:
                report["redirects"][url.path_qs] = final.path_qs
                seen.add(final)
            report["fetched"].add(final.path_qs)
            for href in links_in(html):
                link = final.join(URL(href)).with_fragment(None)  # against where the page came from
                if (link.scheme, link.host, link.port) != (start.scheme, start.host, start.port):
                    report["off_site"].add(str(link))
                elif not robots.can_fetch(USER_AGENT, str(link)):
                    report["disallowed"].add(link.path_qs)
                elif link not in seen:
                    seen.add(link)
                    frontier.put_nowait(link)

        async def worker() -> None:  # one request at a time: max_in_flight workers, max_in_flight requests
            while True:
                url = await frontier.get()
                try:
                    await visit(url)
                finally:
                    frontier.task_done()

        async with asyncio.TaskGroup() as group:
            workers = [group.create_task(worker()) for _ in range(max_in_flight)]
            await frontier.join()
            for task in workers:
                task.cancel()
    return report
