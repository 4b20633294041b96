"""urllib.parse instead of yarl: urljoin, urldefrag and urlsplit; the parser keeps the hrefs and the first base."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from local_server.crawl_site import USER_AGENT


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.bases: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "href" and value is not None and tag == "a":
                self.links.append(value)
            elif name == "href" and value is not None and tag == "base":
                self.bases.append(value)


def origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port or {"http": 80, "https": 443}.get(parts.scheme)


def allowed_links(page_url: str, html: str, robots: RobotFileParser) -> set[str]:
    parser = Hrefs()
    parser.feed(html)
    base = urljoin(page_url, parser.bases[0]) if parser.bases else page_url
    links = {urldefrag(urljoin(base, href)).url for href in parser.links}
    return {link for link in links if origin(link) == origin(page_url) and robots.can_fetch(USER_AGENT, link)}
