# expect: resolved against the site's root
"""Each href glued to the site's origin, as if every page sat at the root: relative links go astray."""

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
    origin = URL(page_url).origin()
    links = {origin.join(URL(href)).with_fragment(None) for href in parser.hrefs}
    return {
        str(link)
        for link in links
        if link.absolute
        and link.host is not None
        and link.origin() == origin
        and robots.can_fetch(USER_AGENT, str(link))
    }
