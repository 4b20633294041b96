"""What the crawl site's pages say: HTML built from the table, the huge page in chunks, a picture and a PDF."""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import cache
from importlib import resources

from .graph import ORIGIN, Page

HUGE_CHUNK = b"Filler of the huge page: a crawler with a size cap skips it all\n" * 1024
"""One chunk of the huge page's filler: 64 KiB of 64-byte lines."""
HUGE_CHUNKS = 64
HUGE_HEAD = b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Huge page</title></head>\n'
HUGE_HEAD += b'<body><h1>Huge page</h1><p><a href="/">home</a></p>\n<pre>\n'
HUGE_TAIL = b"</pre></body></html>\n"
HUGE_BYTES = len(HUGE_HEAD) + len(HUGE_CHUNK) * HUGE_CHUNKS + len(HUGE_TAIL)
"""The huge page's size: 4 MiB of filler and a little HTML around it (sent with its Content-Length)."""
LARGEST_NORMAL_PAGE = 8 * 1024
"""No other answer of the site is larger (the tests check it): a size cap between this and `HUGE_BYTES` works."""


def render_page(page: Page, origin: str) -> str:
    """The HTML of `page`: its title and one ``<a href>`` per link, in the table's order."""
    hrefs = (html.escape(href.replace(ORIGIN, origin)) for href in page.links)
    items = "\n".join(f'  <li><a href="{href}">{href}</a></li>' for href in hrefs)
    title = html.escape(page.title)
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title></head>\n'
        f'<body id="main"><h1 id="top">{title}</h1>\n<ul>\n{items}\n</ul>\n</body></html>\n'
    )


def huge_page_chunks() -> Iterator[bytes]:
    """The huge page, `HUGE_BYTES` in all, in chunks of 64 KiB (never held whole in memory)."""
    yield HUGE_HEAD
    for _ in range(HUGE_CHUNKS):
        yield HUGE_CHUNK
    yield HUGE_TAIL


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF showing `text`, with a correct cross-reference table (it opens in any viewer)."""
    stream = b"BT /F1 18 Tf 24 64 Td (" + text.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 320 144] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@cache
def file_body(url: str) -> bytes:
    """The bytes of the site's files (`Kind.FILE`): the course's logo, and a small PDF made here."""
    if url == "/media/logo.png":
        return resources.files("local_server.assets").joinpath("logo.png").read_bytes()
    if url == "/media/report.pdf":
        return _tiny_pdf("Crawl site: quarterly report")
    raise KeyError(url)
