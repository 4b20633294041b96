"""A task per link, started as soon as it is found, in one TaskGroup; an asyncio.Semaphore bounds the requests.

URLs as str with urllib.parse; a sock_read timeout (no byte for 1.5 s) rather than a total one.
"""

import asyncio
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import aiohttp

from local_server.crawl_site import USER_AGENT

CAP = 1024 * 1024


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href is not None:
            self.hrefs.append(href)


def path_qs(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def origin(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port or 80


async def crawl_politely(start_url: str, max_in_flight: int) -> dict:
    report = {"fetched": set(), "failures": {}, "redirects": {}, "disallowed": set(), "off_site": set()}
    seen = {start_url}
    in_flight = asyncio.Semaphore(max_in_flight)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=1.0, sock_read=1.5)

    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), headers={"User-Agent": USER_AGENT}, timeout=timeout
    ) as session:
        robots = RobotFileParser()
        async with in_flight, session.get(urljoin(start_url, "/robots.txt")) as resp:
            robots.parse((await resp.text()).splitlines())

        async def once(url: str) -> tuple[str | None, str, str]:
            async with in_flight:
                try:
                    async with session.get(url, max_redirects=5) as resp:
                        final = str(resp.url)
                        if resp.status != 200:
                            kinds = {403: "forbidden", 404: "not_found"}
                            return ("server_error" if resp.status >= 500 else kinds[resp.status]), final, ""
                        if resp.content_length and resp.content_length > CAP:
                            return "too_large", final, ""
                        body = await resp.content.read(CAP + 1)
                        while len(body) <= CAP and not resp.content.at_eof():
                            body += await resp.content.read(CAP + 1 - len(body))
                        if len(body) > CAP:
                            return "too_large", final, ""
                        text = body.decode(resp.charset or "utf-8") if resp.content_type == "text/html" else ""
                        return None, final, text
                except TimeoutError:
                    return "timeout", url, ""
                except aiohttp.TooManyRedirects:
                    return "too_many_redirects", url, ""

        async def visit(url: str, group: asyncio.TaskGroup) -> None:
            wait = 0.05
            for tries_left in (2, 1, 0):
                kind, final, html = await once(url)
                if kind not in ("server_error", "timeout") or not tries_left:
                    break
                await asyncio.sleep(wait)  # outside the semaphore: a waiting retry holds no place
                wait *= 2
            if kind:
                report["failures"].setdefault(kind, set()).add(path_qs(url))
                return
            if final != url:
                report["redirects"][path_qs(url)] = path_qs(final)
                seen.add(final)
            report["fetched"].add(path_qs(final))
            parser = Anchors()
            parser.feed(html)
            for href in parser.hrefs:
                link = urldefrag(urljoin(final, href)).url
                if origin(link) != origin(start_url):
                    report["off_site"].add(link)
                elif not robots.can_fetch(USER_AGENT, link):
                    report["disallowed"].add(path_qs(link))
                elif link not in seen:
                    seen.add(link)
                    group.create_task(visit(link, group))

        async with asyncio.TaskGroup() as group:
            group.create_task(visit(start_url, group))
    return report
