"""compress="deflate": aiohttp compresses as it sends, adds the header, and sends the body chunked."""

import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url, body: bytes) -> dict:
    async with session.post(url, data=body, compress="deflate", raise_for_status=True) as resp:
        return await resp.json()
