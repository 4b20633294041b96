"""Derives logo.jpg and logo.webp, served by /image/jpeg and /image/webp, from logo.png.

Run `.venv/bin/python -m local_server.assets.make_raster_logos` after changing logo.png (which
tools/make_server_images.py draws). Pillow, pinned in requirements.txt, writes the same bytes every
time; tests/test_server_formats.py checks that the committed files are what this writes. The server
itself only reads the files: it never imports this module or Pillow.
"""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

ASSETS = Path(str(resources.files("local_server.assets")))
BACKGROUND = (255, 255, 255)  # JPEG has no transparency: the logo is laid on white
JPEG_QUALITY = 85


def derived_logos(png: bytes) -> dict[str, bytes]:
    """The JPEG and WebP forms of a PNG, by file name."""
    from PIL import Image  # a tool's dependency only: the server never imports this module

    with Image.open(io.BytesIO(png)) as logo:
        rgba = logo.convert("RGBA")
    on_white = Image.new("RGB", rgba.size, BACKGROUND)
    on_white.paste(rgba, mask=rgba.getchannel("A"))
    jpeg, webp = io.BytesIO(), io.BytesIO()
    on_white.save(jpeg, "JPEG", quality=JPEG_QUALITY)
    rgba.save(webp, "WEBP", lossless=True, method=6)
    return {"logo.jpg": jpeg.getvalue(), "logo.webp": webp.getvalue()}


def main() -> None:
    for name, data in derived_logos((ASSETS / "logo.png").read_bytes()).items():
        (ASSETS / name).write_bytes(data)
        print(f"wrote {ASSETS / name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
