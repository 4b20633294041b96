from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

from yarl import URL

from local_server.crawl_site import USER_AGENT


class LinksAndBase(HTMLParser):
    """The href of every <a> tag, and of the page's first <base> tag (None without one)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if href is None:
            return
        if tag == "a":
            self.hrefs.append(href)
        elif tag == "base" and self.base is None:
            self.base = href


def allowed_links(page_url: str, html: str, robots: RobotFileParser) -> set[str]:
    """The absolute URLs of the page's <a href> links that a polite crawler follows."""
    parser = LinksAndBase()
    parser.feed(html)
    parser.close()
    page = URL(page_url)
    base = page.join(URL(parser.base)) if parser.base is not None else page  # what the links are relative to
    allowed = set()
    for href in parser.hrefs:
        link = base.join(URL(href)).with_fragment(None)  # where it leads, without the place in the page
        on_site = (link.scheme, link.host, link.port) == (page.scheme, page.host, page.port)
        if on_site and robots.can_fetch(USER_AGENT, str(link)):
            allowed.add(str(link))
    return allowed
