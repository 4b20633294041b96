"""Internal links of a built site: every relative href and src leads to a file, every #fragment to an id there.

Sphinx's linkcheck is for links to other sites (and needs the internet); this reads the built HTML itself, so
that a link Sphinx let through (raw HTML, a template, an anchor written for JupyterLab) is caught too.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src"}


class Page(HTMLParser):
    """What one HTML page links to, and the ids (and `<a name>`) a fragment can land on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.links.append(value)
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


def read_pages(site: Path) -> dict[Path, Page]:
    """Every HTML page of the site, parsed, by its resolved path."""
    pages = {}
    for path in html_pages(site):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        page.close()
        pages[path.resolve()] = page
    return pages


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def target_of(page: Path, link: str) -> tuple[Path, str] | None:
    """(the file, the fragment) a relative link of `page` points to; None for a link to another site or scheme."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:  # https:, mailto:, data:, javascript:, //host/
        return None
    path = page if not parts.path else (page.parent / unquote(parts.path))
    if path.is_dir():
        path = path / "index.html"
    return path.resolve(), unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """One line per broken link: the page, the link and what is wrong with it."""
    site = site.resolve()
    pages = read_pages(site)
    problems = []
    for page, parsed in pages.items():
        for link in parsed.links:
            target = target_of(page, link)
            if target is None:
                continue
            path, fragment = target
            where = f"{page.relative_to(site)}: {link}"
            if not path.is_relative_to(site):
                problems.append(f"{where}: leaves the site")
            elif not path.is_file():
                problems.append(f"{where}: no such file")
            elif fragment and path.suffix == ".html" and fragment not in pages[path].ids:
                problems.append(f"{where}: no id {fragment!r} in {path.relative_to(site)}")
    return problems


def reachable_pages(site: Path, start: str = "index.html") -> set[Path]:
    """The HTML pages a reader reaches by following links from `start`."""
    site = site.resolve()
    pages = read_pages(site)
    seen, todo = set(), [site / start]
    while todo:
        page = todo.pop()
        if page in seen or page not in pages:
            continue
        seen.add(page)
        for link in pages[page].links:
            target = target_of(page, link)
            if target is not None and target[0].suffix == ".html":
                todo.append(target[0])
    return seen
