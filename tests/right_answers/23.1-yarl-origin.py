"""The base found with a generator over the parser's tags; the origin compared with yarl's URL.origin()."""

from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

from yarl import URL

from local_server.crawl_site import USER_AGENT


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def allowed_links(page_url: str, html: str, robots: RobotFileParser) -> set[str]:
    tags = Tags()
    tags.feed(html)
    tags.close()
    page = URL(page_url)
    base_href = next(
        (attrs["href"] for tag, attrs in tags.tags if tag == "base" and attrs.get("href") is not None), None
    )
    base = page if base_href is None else page.join(URL(base_href))
    result = set()
    for tag, attrs in tags.tags:
        if tag != "a" or attrs.get("href") is None:
            continue
        link = base.join(URL(attrs["href"])).with_fragment(None)
        if link.absolute and link.host is not None and link.origin() == page.origin():
            if robots.can_fetch(USER_AGENT, str(link)):
                result.add(str(link))
    return result
