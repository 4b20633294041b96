"""Uploads: /upload streams a body of up to 1 GiB to nowhere and says how much came, its hash and how long it took."""

from aiohttp import hdrs, web

from ..bodies import content_coding, stream_to_nowhere
from ..limits import streams_its_body
from ..shapes import UploadReceipt, json_response


@streams_its_body
async def upload(request: web.Request) -> web.Response:
    """The body's size, SHA-256 and read time, streamed without keeping it (up to 1 GiB, decoded)."""
    coding = content_coding(request)
    streamed = await stream_to_nowhere(request)
    chunked = "chunked" in request.headers.get(hdrs.TRANSFER_ENCODING, "").lower()
    return json_response(UploadReceipt.of(streamed, coding, chunked).as_json())
