# expect: compressed the body twice
import zlib

import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url, body: bytes) -> dict:
    async with session.post(url, data=zlib.compress(body), compress="deflate") as resp:  # compressed again on the way
        resp.raise_for_status()
        return await resp.json()
