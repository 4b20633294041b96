"""Workers on a queue, as in the lesson, but redirects followed by hand (allow_redirects=False), five hops at most,
and the size cap read from the stream with iter_chunked."""

import asyncio
from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

import aiohttp
from yarl import URL

from local_server.crawl_site import USER_AGENT

HOPS = 5


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value is not None)


class TooLarge(Exception):
    pass


async def capped(resp: aiohttp.ClientResponse, cap: int = 1024 * 1024) -> bytes:
    if (resp.content_length or 0) > cap:
        raise TooLarge
    body = bytearray()
    async for chunk in resp.content.iter_chunked(16 * 1024):
        body += chunk
        if len(body) > cap:
            raise TooLarge
    return bytes(body)


async def get(session: aiohttp.ClientSession, url: URL) -> tuple[str | None, URL, str]:
    here = url
    try:
        for _ in range(HOPS):
            async with session.get(here, allow_redirects=False) as resp:
                if resp.status in (301, 302, 303, 307, 308):
                    here = here.join(URL(resp.headers["Location"]))
                    continue
                if resp.status >= 400:
                    return ("server_error" if resp.status >= 500 else f"{resp.status}"), here, ""
                body = await capped(resp)
                return None, here, body.decode() if resp.content_type == "text/html" else ""
        return "too_many_redirects", url, ""
    except TooLarge:
        return "too_large", url, ""
    except TimeoutError:
        return "timeout", url, ""


async def crawl_politely(start_url: str, max_in_flight: int) -> dict:
    start = URL(start_url)
    names = {"403": "forbidden", "404": "not_found"}
    report = {"fetched": set(), "failures": {}, "redirects": {}, "disallowed": set(), "off_site": set()}
    todo: asyncio.Queue[URL] = asyncio.Queue()
    todo.put_nowait(start)
    queued = {start}
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=max_in_flight),
        cookie_jar=jar,
        headers={"User-Agent": USER_AGENT},
        timeout=aiohttp.ClientTimeout(total=2.0),
    ) as session:
        async with session.get(start.with_path("/robots.txt")) as resp:
            rules = RobotFileParser()
            rules.parse((await resp.text()).splitlines())

        async def one(url: URL) -> None:
            for attempt in range(3):
                kind, final, html = await get(session, url)
                if kind not in ("server_error", "timeout") or attempt == 2:
                    break
                await asyncio.sleep(0.1 * 2**attempt)
            if kind:
                report["failures"].setdefault(names.get(kind, kind), set()).add(url.path_qs)
                return
            if final != url:
                report["redirects"][url.path_qs] = final.path_qs
                queued.add(final)
            report["fetched"].add(final.path_qs)
            links = Links()
            links.feed(html)
            for href in links.hrefs:
                link = final.join(URL(href)).with_fragment(None)
                if link.scheme != start.scheme or link.host != start.host or link.port != start.port:
                    report["off_site"].add(str(link))
                elif not rules.can_fetch(USER_AGENT, str(link)):
                    report["disallowed"].add(link.path_qs)
                elif link not in queued:
                    queued.add(link)
                    todo.put_nowait(link)

        async def worker() -> None:
            while True:
                url = await todo.get()
                try:
                    await one(url)
                finally:
                    todo.task_done()

        workers = [asyncio.create_task(worker()) for _ in range(max_in_flight)]
        await todo.join()
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
    return report
