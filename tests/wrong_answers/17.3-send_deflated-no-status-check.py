# expect: as if the server had taken the body
import zlib

import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url, body: bytes) -> dict:
    async with session.post(url, data=zlib.compress(body), headers={"Content-Encoding": "deflate"}) as resp:
        return await resp.json()  # a 415 reply is returned as if the body had been taken
