# expect: <base href=
"""Every href resolved against page_url, even on a page whose <base href> says otherwise."""

from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

from yarl import URL

from local_server.crawl_site import USER_AGENT


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value is not None]


def allowed_links(page_url: str, html: str, robots: RobotFileParser) -> set[str]:
    parser = Links()
    parser.feed(html)
    page = URL(page_url)
    allowed = set()
    for href in parser.hrefs:
        link = page.join(URL(href)).with_fragment(None)
        if (link.scheme, link.host, link.port) == (page.scheme, page.host, page.port):
            if robots.can_fetch(USER_AGENT, str(link)):
                allowed.add(str(link))
    return allowed
