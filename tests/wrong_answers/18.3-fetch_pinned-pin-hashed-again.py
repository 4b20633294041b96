# expect: do not hash it again
import hashlib

import aiohttp


async def fetch_pinned(url: str, pin: str) -> str:
    digest = hashlib.sha256(pin.encode()).digest()  # 32 bytes, but of the pin's text, not of the certificate
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=aiohttp.Fingerprint(digest)) as resp:
            resp.raise_for_status()
            return await resp.text()
