"""A zlib.compressobj fed 64 KiB at a time by a generator: the compressed body is made as it is sent."""

import zlib

import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url, body: bytes) -> dict:
    async def deflated(data: bytes, size: int = 64 * 1024):
        compressor = zlib.compressobj()
        for start in range(0, len(data), size):
            if piece := compressor.compress(data[start : start + size]):
                yield piece
        yield compressor.flush()

    async with session.post(url, data=deflated(body), headers={"Content-Encoding": "deflate"}) as resp:
        if resp.status >= 400:
            resp.raise_for_status()
        return await resp.json()
