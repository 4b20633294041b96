"""Response formats: /json /html /xml, /encoding/{charset}, /image/{kind}."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from conftest import assert_json_error, json_body

from local_server.endpoints.formats import CHARSET_ALIASES, CHARSET_SAMPLES

HTTPBIN_SLIDESHOW = {
    "slideshow": {
        "author": "Yours Truly",
        "date": "date of publication",
        "slides": [
            {"title": "Wake up to WonderWidgets!", "type": "all"},
            {
                "items": ["Why <em>WonderWidgets</em> are great", "Who <em>buys</em> WonderWidgets"],
                "title": "Overview",
                "type": "all",
            },
        ],
        "title": "Sample Slide Show",
    }
}


async def test_json_is_httpbins_slideshow(client):
    resp = await client.get("/json")
    assert resp.status == 200
    assert resp.charset == "utf-8"
    assert await json_body(resp) == HTTPBIN_SLIDESHOW


async def test_html_is_a_page_of_moby_dick(client):
    resp = await client.get("/html")
    assert resp.status == 200
    assert resp.content_type == "text/html"
    assert resp.charset == "utf-8"
    text = await resp.text()
    assert text.startswith("<!DOCTYPE html>\n<html>")
    assert "<h1>Herman Melville - Moby-Dick</h1>" in text
    assert "Call me Ishmael. Some years ago—never mind how long precisely—" in text
    assert text.rstrip().endswith("</html>")


async def test_xml_is_the_slideshow_as_xml(client):
    resp = await client.get("/xml")
    assert resp.status == 200
    assert resp.content_type == "application/xml"
    raw = await resp.read()
    assert raw.startswith(b"<?xml version='1.0' encoding='us-ascii'?>")
    root = ElementTree.fromstring(raw)
    assert root.tag == "slideshow"
    assert root.attrib == {"title": "Sample Slide Show", "date": "Date of publication", "author": "Yours Truly"}
    assert [slide.findtext("title") for slide in root.findall("slide")] == ["Wake up to WonderWidgets!", "Overview"]
    assert len(root.findall("slide/item")) == 3


# --- /encoding/{charset} ------------------------------------------------------------------------

CHARSETS = [pytest.param(name, name, id=name) for name in CHARSET_SAMPLES]
CHARSETS += [pytest.param(alias, charset, id=alias) for alias, charset in CHARSET_ALIASES.items()]
CHARSETS += [pytest.param("UTF-8", "utf-8", id="upper-case"), pytest.param("Shift_JIS", "shift_jis", id="mixed-case")]


def test_every_sample_needs_its_charset():
    """Each sample has characters outside ASCII, so reading it with the wrong charset shows."""
    for charset, sample in CHARSET_SAMPLES.items():
        assert not sample.isascii(), charset
        assert sample.encode(charset) != sample.encode("utf-8") or charset == "utf-8"


@pytest.mark.parametrize(("asked", "charset"), CHARSETS)
async def test_encoding_sends_the_sample_in_that_charset(client, asked, charset):
    resp = await client.get(f"/encoding/{asked}")
    assert resp.status == 200
    assert await resp.read() == CHARSET_SAMPLES[charset].encode(charset)
    assert resp.headers["Content-Type"] == f"text/plain; charset={charset}"
    assert resp.charset == charset
    assert await resp.text() == CHARSET_SAMPLES[charset]  # aiohttp decodes with the declared charset


@pytest.mark.parametrize("declare", ["false", "0", "no", "off"])
@pytest.mark.parametrize("charset", list(CHARSET_SAMPLES))
async def test_encoding_without_declaring_the_charset(client, charset, declare):
    resp = await client.get(f"/encoding/{charset}?declare={declare}")
    assert resp.status == 200
    assert await resp.read() == CHARSET_SAMPLES[charset].encode(charset)
    assert resp.headers["Content-Type"] == "text/plain"
    assert resp.charset is None


@pytest.mark.parametrize("declare", ["true", "1", "yes", "on"])
async def test_encoding_declare_true_is_the_default(client, declare):
    resp = await client.get(f"/encoding/koi8-r?declare={declare}")
    assert resp.headers["Content-Type"] == "text/plain; charset=koi8-r"


@pytest.mark.parametrize("charset", ["ebcdic", "utf-16", "ascii", "..%2F..", "%00"])
async def test_unknown_charset_is_404(client, charset):
    resp = await client.get(f"/encoding/{charset}")
    await assert_json_error(resp, 404, "no sample text in")
    body = await resp.json()
    assert body["error"].endswith("try one of: " + ", ".join(CHARSET_SAMPLES))


async def test_encoding_bad_declare_flag_is_400(client):
    resp = await client.get("/encoding/utf-8?declare=maybe")
    await assert_json_error(resp, 400, "declare must be true or false, got 'maybe'")


# --- /image/{kind} ------------------------------------------------------------------------------


async def test_image_png(client):
    resp = await client.get("/image/png")
    assert resp.status == 200
    assert resp.content_type == "image/png"
    raw = await resp.read()
    assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    assert raw[12:16] == b"IHDR"
    assert resp.headers["Content-Length"] == str(len(raw))


async def test_image_svg(client):
    resp = await client.get("/image/svg")
    assert resp.status == 200
    assert resp.content_type == "image/svg+xml"
    raw = await resp.read()
    root = ElementTree.fromstring(raw)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("kind", ["gif", "jpeg", "PNG", "webp"])
async def test_unknown_image_kind_is_404(client, kind):
    resp = await client.get(f"/image/{kind}")
    await assert_json_error(resp, 404, f"no {kind!r} image; try one of: png, svg")
