# expect: another port is another origin
"""The origin compared by host name alone: a link to another port of 127.0.0.1 counts as the same site."""

from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

from yarl import URL

from local_server.crawl_site import USER_AGENT


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs, self.base = [], None

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href is not None:
            self.hrefs.append(href)
        elif tag == "base" and href is not None and self.base is None:
            self.base = href


def allowed_links(page_url: str, html: str, robots: RobotFileParser) -> set[str]:
    parser = Links()
    parser.feed(html)
    page = URL(page_url)
    base = page.join(URL(parser.base)) if parser.base else page
    links = {base.join(URL(href)).with_fragment(None) for href in parser.hrefs}
    return {
        str(link)
        for link in links
        if link.scheme == page.scheme and link.host == page.host and robots.can_fetch(USER_AGENT, str(link))
    }
