# expect: wait at least 0.05 s before each retry
"""A 5xx or a timeout retried at once, with no wait: the busy site gets hit again immediately."""

import asyncio
from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

import aiohttp
from yarl import URL

from local_server.crawl_site import USER_AGENT


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value is not None]


async def attempt(session, url):
    try:
        async with session.get(url, max_redirects=5) as resp:
            if resp.status >= 500:
                return "server_error", resp.url, ""
            if resp.status >= 400:
                return {403: "forbidden", 404: "not_found"}[resp.status], resp.url, ""
            if (resp.content_length or 0) > 1024 * 1024:
                return "too_large", resp.url, ""
            body = await resp.read()
            return None, resp.url, body.decode() if resp.content_type == "text/html" else ""
    except TimeoutError:
        return "timeout", url, ""
    except aiohttp.TooManyRedirects:
        return "too_many_redirects", url, ""


async def fetch(session, url):
    for n in range(3):
        kind, final, html = await attempt(session, url)
        if kind not in ("server_error", "timeout") or n == 2:
            return kind, final, html


async def crawl_politely(start_url: str, max_in_flight: int) -> dict:
    start = URL(start_url)
    report = {"fetched": set(), "failures": {}, "redirects": {}, "disallowed": set(), "off_site": set()}
    queue, seen = asyncio.Queue(), {start}
    queue.put_nowait(start)
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True),
        headers={"User-Agent": USER_AGENT},
        timeout=aiohttp.ClientTimeout(total=1.5),
    ) as session:
        robots = RobotFileParser()
        async with session.get(start / "robots.txt") as resp:
            robots.parse((await resp.text()).splitlines())

        async def visit(url):
            kind, final, html = await fetch(session, url)
            if kind:
                report["failures"].setdefault(kind, set()).add(url.path_qs)
                return
            if final != url:
                report["redirects"][url.path_qs] = final.path_qs
                seen.add(final)
            report["fetched"].add(final.path_qs)
            parser = Links()
            parser.feed(html)
            for href in parser.hrefs:
                link = final.join(URL(href)).with_fragment(None)
                if (link.scheme, link.host, link.port) != (start.scheme, start.host, start.port):
                    report["off_site"].add(str(link))
                elif not robots.can_fetch(USER_AGENT, str(link)):
                    report["disallowed"].add(link.path_qs)
                elif link not in seen:
                    seen.add(link)
                    queue.put_nowait(link)

        async def worker():
            while True:
                url = await queue.get()
                try:
                    await visit(url)
                finally:
                    queue.task_done()

        async with asyncio.TaskGroup() as group:
            workers = [group.create_task(worker()) for _ in range(max_in_flight)]
            await queue.join()
            for task in workers:
                task.cancel()
    return report
