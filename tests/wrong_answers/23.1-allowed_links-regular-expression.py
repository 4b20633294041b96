# expect: Read the HTML with html.parser
"""The classic crawler's regular expression (either quotes, any case), then urljoin, urldefrag, the origin and robots.

Right for the crawl site's home page; wrong for entities, commented-out links, hrefs in text and <link> tags."""

import re
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from local_server.crawl_site import USER_AGENT

HREF = re.compile(r"""(?i)href=["']([^\s"'<>]+)""")
BASE = re.compile(r"""(?i)<base\s+href=["']([^\s"'<>]+)""")


def allowed_links(page_url: str, html: str, robots: RobotFileParser) -> set[str]:
    base = BASE.search(html)
    start = urljoin(page_url, base.group(1)) if base else page_url
    links = {urldefrag(urljoin(start, href)).url for href in HREF.findall(html)}
    here = urlsplit(page_url)
    return {link for link in links if urlsplit(link)[:2] == here[:2] and robots.can_fetch(USER_AGENT, link)}
