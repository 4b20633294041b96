# expect: but with no Content-Encoding header
import zlib

import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url, body: bytes) -> dict:
    async with session.post(url, data=zlib.compress(body)) as resp:  # compressed, but nothing says so
        resp.raise_for_status()
        return await resp.json()
