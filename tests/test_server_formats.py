"""Response formats: /json /html /xml, /encoding/{charset} and /encoding/utf8, /base64/{value}, /robots.txt,
/deny, /forms/post, /image and /image/{kind}."""

from __future__ import annotations

import base64
import hashlib
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from importlib import resources

import pytest
from conftest import ORIGIN, assert_json_error, json_body, sent_headers
from yarl import URL

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
# `utf8` itself is httpbin's /encoding/utf8 page (tested below); the alias still works in any other case.
CHARSETS += [pytest.param(alias, charset, id=alias) for alias, charset in CHARSET_ALIASES.items() if alias != "utf8"]
CHARSETS += [pytest.param("UTF-8", "utf-8", id="upper-case"), pytest.param("Shift_JIS", "shift_jis", id="mixed-case")]
CHARSETS += [pytest.param("UTF8", "utf-8", id="utf8-alias-upper-case")]


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


@pytest.mark.parametrize("kind", ["gif", "jpg", "PNG", "avif", "svg+xml"])
async def test_unknown_image_kind_is_404(client, kind):
    resp = await client.get(f"/image/{kind}")
    await assert_json_error(resp, 404, f"no {kind!r} image; try one of: png, svg, jpeg, webp")


# --- image files --------------------------------------------------------------------------------

ASSETS = resources.files("local_server.assets")


def is_png(raw: bytes) -> bool:
    return raw.startswith(b"\x89PNG\r\n\x1a\n") and raw[12:16] == b"IHDR"


def is_jpeg(raw: bytes) -> bool:
    """Start of image, then a JFIF or Exif segment; end of image at the very end."""
    return raw[:3] == b"\xff\xd8\xff" and raw[3] in (0xE0, 0xE1) and raw.endswith(b"\xff\xd9")


def is_webp(raw: bytes) -> bool:
    """A RIFF file whose size field counts the rest of the file, of form WEBP, with a VP8 chunk."""
    size = int.from_bytes(raw[4:8], "little")
    return raw[:4] == b"RIFF" and raw[8:12] == b"WEBP" and raw[12:15] == b"VP8" and size == len(raw) - 8


def is_svg(raw: bytes) -> bool:
    return ElementTree.fromstring(raw).tag == "{http://www.w3.org/2000/svg}svg"


IMAGE_FILES = [
    pytest.param("png", "logo.png", "image/png", is_png, id="png"),
    pytest.param("svg", "logo.svg", "image/svg+xml", is_svg, id="svg"),
    pytest.param("jpeg", "logo.jpg", "image/jpeg", is_jpeg, id="jpeg"),
    pytest.param("webp", "logo.webp", "image/webp", is_webp, id="webp"),
]


@pytest.mark.parametrize(("kind", "filename", "content_type", "looks_right"), IMAGE_FILES)
def test_each_image_file_is_of_its_format(kind, filename, content_type, looks_right):
    raw = ASSETS.joinpath(filename).read_bytes()
    assert looks_right(raw), raw[:16]
    assert len(raw) < 16 * 1024  # small files: the lessons download them often


@pytest.mark.parametrize(("kind", "filename", "content_type", "looks_right"), IMAGE_FILES)
async def test_image_kind_serves_its_file(client, kind, filename, content_type, looks_right):
    resp = await client.get(f"/image/{kind}")
    assert resp.status == 200
    assert resp.headers["Content-Type"] == content_type
    raw = await resp.read()
    assert raw == ASSETS.joinpath(filename).read_bytes()
    assert resp.headers["Content-Length"] == str(len(raw))


def test_jpeg_and_webp_are_the_png_converted():
    """The committed files are what `python -m local_server.assets.make_raster_logos` writes today."""
    pytest.importorskip("PIL")
    from local_server.assets.make_raster_logos import derived_logos

    derived = derived_logos(ASSETS.joinpath("logo.png").read_bytes())
    for name, data in derived.items():
        assert ASSETS.joinpath(name).read_bytes() == data, (
            f"{name} is stale: run python -m local_server.assets.make_raster_logos"
        )


def test_jpeg_and_webp_show_the_png_picture():
    Image = pytest.importorskip("PIL.Image")
    with Image.open(ASSETS.joinpath("logo.png")) as png:
        size = png.size
    for name, image_format in [("logo.jpg", "JPEG"), ("logo.webp", "WEBP")]:
        with Image.open(ASSETS.joinpath(name)) as picture:
            assert (picture.format, picture.size) == (image_format, size)


# --- /image (chosen by Accept) ------------------------------------------------------------------

ACCEPT_CASES = [
    pytest.param("image/webp", "webp", id="webp"),
    pytest.param("image/svg+xml", "svg", id="svg"),
    pytest.param("image/jpeg", "jpeg", id="jpeg"),
    pytest.param("image/png", "png", id="png"),
    pytest.param("image/*", "png", id="any-image"),
    pytest.param("IMAGE/JPEG", "jpeg", id="upper-case"),
    pytest.param("image/png, image/webp", "webp", id="webp-before-png"),
    pytest.param("image/jpeg, image/svg+xml", "svg", id="svg-before-jpeg"),
    pytest.param("image/png;q=1.0, image/webp;q=0.1", "webp", id="q-values-are-not-read"),
    pytest.param("text/html,application/xhtml+xml,image/avif,image/webp,*/*;q=0.8", "webp", id="a-browser"),
]


@pytest.mark.parametrize(("accept", "kind"), ACCEPT_CASES)
async def test_image_picks_the_picture_the_accept_header_names(client, accept, kind):
    resp = await client.get("/image", headers={"Accept": accept})
    expected = await client.get(f"/image/{kind}")
    assert resp.status == 200
    assert resp.headers["Content-Type"] == expected.headers["Content-Type"]
    assert await resp.read() == await expected.read()


async def test_image_without_accept_is_the_png(client):
    resp = await client.get("/image", skip_auto_headers=["Accept"])
    assert "Accept" not in resp.request_info.headers
    assert resp.status == 200
    assert resp.headers["Content-Type"] == "image/png"
    assert is_png(await resp.read())


HTTPBIN_406 = {
    "accept": ["image/webp", "image/svg+xml", "image/jpeg", "image/png", "image/*"],
    "message": "Client did not request a supported media type.",
}


@pytest.mark.parametrize("accept", ["*/*", "text/html", "image/gif", "application/json", ""])
async def test_image_with_no_acceptable_type_is_httpbins_406(client, accept):
    """`*/*`, aiohttp's default Accept, included: httpbin's /image looks for image types only."""
    resp = await client.get("/image", headers={"Accept": accept})
    assert resp.status == 406
    assert await json_body(resp) == HTTPBIN_406


# --- /encoding/utf8 -----------------------------------------------------------------------------

UTF8_DEMO_SHA256 = "c3784aaf20ae0867e2f491504a57a15f19eafafb59ed9faea1cfc5cfbbea2b1b"
"""The body httpbin 0.10.2 sends: its templates/UTF-8-demo.txt rendered (14,239 bytes)."""


async def test_encoding_utf8_is_httpbins_demo_page(client):
    resp = await client.get("/encoding/utf8")
    assert resp.status == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    raw = await resp.read()
    assert hashlib.sha256(raw).hexdigest() == UTF8_DEMO_SHA256
    text = await resp.text()
    assert text.startswith("<h1>Unicode Demo</h1>\n")
    assert text.endswith("</pre>")
    for sample in ["Markus Kuhn [ˈmaʳkʊs kuːn]", "Зарегистрируйтесь", "ᚻᛖ ᚳᚹᚫᚦ", "│ 14.95 € │", "コンニチハ"]:
        assert sample in text


@pytest.mark.parametrize("path", ["/encoding/UTF8", "/encoding/utf-8", "/encoding/utf8?declare=false"])
async def test_only_the_exact_path_is_the_demo_page(client, path):
    """/encoding/utf8 is a route of its own; other spellings go to /encoding/{charset} (the query does not route)."""
    resp = await client.get(path)
    assert resp.status == 200
    if path.startswith("/encoding/utf8"):
        assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    else:
        assert await resp.read() == CHARSET_SAMPLES["utf-8"].encode()
        assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"


# --- /base64/{value} ----------------------------------------------------------------------------

BASE64_CASES = [
    pytest.param("SFRUUEJJTiBpcyBhd2Vzb21l", "HTTPBIN is awesome", id="httpbins-example"),
    pytest.param("YQ==", "a", id="padded"),
    pytest.param("PDw_Pz8-Pg==", "<<???>>", id="url-safe-alphabet"),
    pytest.param("PDw%2FPz8%2BPg%3D%3D", "<<???>>", id="standard-alphabet-percent-encoded"),
    pytest.param(base64.urlsafe_b64encode("Grüße 🐍".encode()).decode(), "Grüße 🐍", id="utf8"),
    pytest.param("YWJj%0A", "abc", id="characters-outside-the-alphabet-are-skipped"),
]


@pytest.mark.parametrize(("value", "text"), BASE64_CASES)
async def test_base64_decodes_to_text(client, value, text):
    resp = await client.get(URL(f"/base64/{value}", encoded=True))
    assert resp.status == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert await resp.text() == text


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("YQ", id="missing-padding"),
        pytest.param("abcde", id="one-char-too-many"),
        pytest.param("_w==", id="not-utf8"),
        pytest.param("gICA", id="continuation-bytes-only"),
    ],
)
async def test_bad_base64_is_a_json_400_with_httpbins_hint(client, value):
    resp = await client.get(f"/base64/{value}")
    await assert_json_error(resp, 400, f"{value!r} is not URL-safe base64 of UTF-8 text; try: SFRUUEJJTiBpcyBhd2Vzb21l")


# --- /robots.txt and /deny ----------------------------------------------------------------------

HTTPBIN_DENY = (
    "\n          .-''''''-.\n        .' _      _ '.\n       /   O      O   \\\n      :                :\n"
    "      |                |\n      :       __       :\n       \\  .-\"`  `\"-.  /\n        '.          .'\n"
    "          '-......-'\n     YOU SHOULDN'T BE HERE\n"
)


@pytest.mark.parametrize(
    ("path", "body"),
    [("/robots.txt", b"User-agent: *\nDisallow: /deny\n"), ("/deny", HTTPBIN_DENY.encode())],
)
async def test_robots_txt_and_deny_are_httpbins_texts(client, path, body):
    resp = await client.get(path)
    assert resp.status == 200
    assert resp.headers["Content-Type"] == "text/plain"
    assert await resp.read() == body


# --- /forms/post --------------------------------------------------------------------------------

FORMS_POST_SHA256 = "d9cd9adbe7554d4e82a597d722dccdcea70c8dd918836670e3f9687531f54d74"
"""The body httpbin 0.10.2 sends: templates/forms-post.html rendered, posting to /post (1,397 bytes)."""


class FormFields(HTMLParser):
    """The form's method and action, and the name of each field in it."""

    def __init__(self) -> None:
        super().__init__()
        self.form: dict[str, str | None] = {}
        self.names: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.form = attributes
        elif tag in {"input", "textarea"}:
            self.names.append(attributes["name"])


async def test_forms_post_is_httpbins_pizza_form(client):
    resp = await client.get("/forms/post")
    assert resp.status == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    raw = await resp.read()
    assert hashlib.sha256(raw).hexdigest() == FORMS_POST_SHA256
    parser = FormFields()
    parser.feed(raw.decode())
    assert parser.form == {"method": "post", "action": "/post"}
    assert sorted(set(parser.names)) == ["comments", "custemail", "custname", "custtel", "delivery", "size", "topping"]


async def test_the_form_submitted_as_a_browser_would_is_echoed_by_post(client):
    page = await client.get("/forms/post")
    parser = FormFields()
    parser.feed(await page.text())
    fields = [("custname", "Ada"), ("size", "large"), ("topping", "bacon"), ("topping", "onion"), ("comments", "")]
    resp = await client.post(parser.form["action"], data=fields)
    body = await json_body(resp)
    assert body["form"] == {"custname": "Ada", "size": "large", "topping": ["bacon", "onion"], "comments": ""}
    assert body["headers"] == sent_headers(resp)
    assert body["origin"] == ORIGIN
