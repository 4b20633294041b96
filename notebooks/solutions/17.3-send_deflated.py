import zlib

import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url: str, body: bytes) -> dict:
    """POST body compressed with deflate, labelled Content-Encoding: deflate; return the server's reply."""
    compressed = zlib.compress(body)  # zlib's format: what HTTP calls deflate
    async with session.post(url, data=compressed, headers={"Content-Encoding": "deflate"}) as resp:
        resp.raise_for_status()
        return await resp.json()
