"""Response formats: /json /html /xml, text in several charsets, base64, httpbin's fixed pages, and images.

The pages copied from httpbin 0.10.2 (MIT/ISC licence) are in `local_server/assets/`, byte for byte as
httpbin sends them (its templates rendered): `utf8-demo.html` is Markus Kuhn's UTF-8-demo.txt in httpbin's
HTML wrapper, `forms-post.html` the HTML5 spec's pizza order form, posting to /post.
"""

import base64
from importlib import resources

from aiohttp import web

from ..errors import bad_request, client_error
from ..params import query_flag
from ..shapes import json_response

SLIDESHOW = {
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

SLIDESHOW_XML = """<?xml version='1.0' encoding='us-ascii'?>

<!--  A SAMPLE set of slides  -->

<slideshow
    title="Sample Slide Show"
    date="Date of publication"
    author="Yours Truly"
    >

    <!-- TITLE SLIDE -->
    <slide type="all">
      <title>Wake up to WonderWidgets!</title>
    </slide>

    <!-- OVERVIEW -->
    <slide type="all">
        <title>Overview</title>
        <item>Why <em>WonderWidgets</em> are great</item>
        <item/>
        <item>Who <em>buys</em> WonderWidgets</item>
    </slide>

</slideshow>
"""

MOBY_DICK_HTML = """<!DOCTYPE html>
<html>
  <head>
  </head>
  <body>
      <h1>Herman Melville - Moby-Dick</h1>

      <div>
        <p>
          Call me Ishmael. Some years ago—never mind how long precisely—having little or no money
          in my purse, and nothing particular to interest me on shore, I thought I would sail about
          a little and see the watery part of the world. It is a way I have of driving off the spleen
          and regulating the circulation.
        </p>
      </div>
  </body>
</html>
"""

# One sample text per charset, each written only with characters that charset can encode.
CHARSET_SAMPLES = {
    "utf-8": "Grüße aus Köln! Ça coûte 5 €. Привет, мир! こんにちは世界 🐍\n",
    "iso-8859-1": "Grüße aus Köln! Ça coûte 5 francs. Señor Müller sagt: «Très bien».\n",
    "windows-1252": "Grüße aus Köln! Ça coûte 5 €. “Smart quotes” – and an en dash.\n",
    "koi8-r": "Привет, мир! Съешь же ещё этих мягких французских булок.\n",
    "shift_jis": "こんにちは世界。日本語のテキストです。\n",
}
CHARSET_ALIASES = {
    "utf8": "utf-8",
    "latin-1": "iso-8859-1",
    "latin1": "iso-8859-1",
    "cp1252": "windows-1252",
    "koi8r": "koi8-r",
    "sjis": "shift_jis",
    "shift-jis": "shift_jis",
}

IMAGES = {
    "png": ("logo.png", "image/png"),
    "svg": ("logo.svg", "image/svg+xml"),
    "jpeg": ("logo.jpg", "image/jpeg"),  # logo.jpg and logo.webp: logo.png converted (assets/make_raster_logos.py)
    "webp": ("logo.webp", "image/webp"),
}
IMAGE_FOR_ACCEPT = (
    ("image/webp", "webp"),
    ("image/svg+xml", "svg"),
    ("image/jpeg", "jpeg"),
    ("image/png", "png"),
    ("image/*", "png"),
)
"""httpbin's /image: the first of these media types found anywhere in the Accept header picks the picture."""
NOT_ACCEPTABLE = {
    "message": "Client did not request a supported media type.",
    "accept": [media_type for media_type, _ in IMAGE_FOR_ACCEPT],
}
"""httpbin's 406 body for an Accept header that names none of the types above."""

ROBOTS_TXT = "User-agent: *\nDisallow: /deny\n"
DENIED = """
          .-''''''-.
        .' _      _ '.
       /   O      O   \\
      :                :
      |                |
      :       __       :
       \\  .-"`  `"-.  /
        '.          .'
          '-......-'
     YOU SHOULDN'T BE HERE
"""
BASE64_EXAMPLE = "SFRUUEJJTiBpcyBhd2Vzb21l"
"""What httpbin suggests after bad base64: "HTTPBIN is awesome"."""


def _asset(filename: str) -> bytes:
    return resources.files("local_server.assets").joinpath(filename).read_bytes()


async def slideshow_json(request: web.Request) -> web.Response:
    """A JSON document (httpbin's slideshow)."""
    return json_response(SLIDESHOW)


async def moby_dick_html(request: web.Request) -> web.Response:
    """An HTML page."""
    return web.Response(text=MOBY_DICK_HTML, content_type="text/html")


async def slideshow_xml(request: web.Request) -> web.Response:
    """An XML document."""
    return web.Response(text=SLIDESHOW_XML, content_type="application/xml")


async def utf8_demo(request: web.Request) -> web.Response:
    """httpbin's UTF-8 demo page (HTML): many scripts and symbols, all in UTF-8."""
    # aiohttp tries the longest literal path first: this route wins over /encoding/{charset}, in any order.
    return web.Response(body=_asset("utf8-demo.html"), headers={"Content-Type": "text/html; charset=utf-8"})


async def encoded_text(request: web.Request) -> web.Response:
    """A text encoded in {charset}; `?declare=false` leaves the charset out of Content-Type."""
    asked = request.match_info["charset"].lower()
    charset = CHARSET_ALIASES.get(asked, asked)
    if charset not in CHARSET_SAMPLES:
        known = ", ".join(CHARSET_SAMPLES)
        raise client_error(web.HTTPNotFound, f"no sample text in {asked!r}; try one of: {known}")
    body = CHARSET_SAMPLES[charset].encode(charset)
    content_type = "text/plain"
    if query_flag(request, "declare", default=True):
        content_type += f"; charset={charset}"
    return web.Response(body=body, headers={"Content-Type": content_type})


async def decode_base64(request: web.Request) -> web.Response:
    """The text that {value}, URL-safe base64 of UTF-8, decodes to."""
    value = request.match_info["value"]
    try:
        text = base64.urlsafe_b64decode(value.encode()).decode("utf-8")
    except ValueError:  # binascii.Error (bad padding), UnicodeError (bytes that are not UTF-8)
        raise bad_request(f"{value!r} is not URL-safe base64 of UTF-8 text; try: {BASE64_EXAMPLE}") from None
    return web.Response(text=text, content_type="text/html")


async def robots_txt(request: web.Request) -> web.Response:
    """A robots.txt that disallows /deny."""
    return web.Response(body=ROBOTS_TXT.encode(), headers={"Content-Type": "text/plain"})


async def deny(request: web.Request) -> web.Response:
    """The page robots.txt disallows."""
    return web.Response(body=DENIED.encode(), headers={"Content-Type": "text/plain"})


async def forms_post(request: web.Request) -> web.Response:
    """An HTML form (httpbin's pizza order) that posts to /post."""
    return web.Response(body=_asset("forms-post.html"), headers={"Content-Type": "text/html; charset=utf-8"})


def _image_response(kind: str) -> web.Response:
    filename, content_type = IMAGES[kind]
    return web.Response(body=_asset(filename), content_type=content_type)


async def image_for_accept(request: web.Request) -> web.Response:
    """The picture the Accept header asks for: webp, svg, jpeg or png (png without Accept); 406 otherwise."""
    if "Accept" not in request.headers:
        return _image_response("png")
    accept = ", ".join(request.headers.getall("Accept")).lower()
    for media_type, kind in IMAGE_FOR_ACCEPT:
        if media_type in accept:
            return _image_response(kind)
    return json_response(NOT_ACCEPTABLE, status=406)  # `Accept: */*` too, as on httpbin


async def image(request: web.Request) -> web.Response:
    """A picture: /image/png, /image/svg, /image/jpeg or /image/webp."""
    kind = request.match_info["kind"]
    if kind not in IMAGES:
        raise client_error(web.HTTPNotFound, f"no {kind!r} image; try one of: {', '.join(IMAGES)}")
    return _image_response(kind)
