# expect: can_fetch(USER_AGENT, url)
"""robots.txt asked about "*" instead of the crawler's own name: the course-crawler group is never applied."""

from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

from yarl import URL


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
        if (link.scheme, link.host, link.port) == (page.scheme, page.host, page.port)
        and robots.can_fetch("*", str(link))
    }
