"""Response formats: /json /html /xml, text in several charsets, and images."""

from importlib import resources

from aiohttp import web

from ..errors import client_error
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

IMAGES = {"png": ("logo.png", "image/png"), "svg": ("logo.svg", "image/svg+xml")}


async def slideshow_json(request: web.Request) -> web.Response:
    """A JSON document (httpbin's slideshow)."""
    return json_response(SLIDESHOW)


async def moby_dick_html(request: web.Request) -> web.Response:
    """An HTML page."""
    return web.Response(text=MOBY_DICK_HTML, content_type="text/html")


async def slideshow_xml(request: web.Request) -> web.Response:
    """An XML document."""
    return web.Response(text=SLIDESHOW_XML, content_type="application/xml")


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


async def image(request: web.Request) -> web.Response:
    """A picture: /image/png or /image/svg."""
    kind = request.match_info["kind"]
    if kind not in IMAGES:
        raise client_error(web.HTTPNotFound, f"no {kind!r} image; try one of: {', '.join(IMAGES)}")
    filename, content_type = IMAGES[kind]
    body = resources.files("local_server.assets").joinpath(filename).read_bytes()
    return web.Response(body=body, content_type=content_type)
