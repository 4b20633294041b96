# expect: only after the request had gone
import asyncio
import hashlib
import ssl

import aiohttp
from yarl import URL


async def fetch_pinned(url: str, pin: str) -> str:
    digest = bytes.fromhex(pin.replace(":", ""))
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as resp:  # fetched first...
            resp.raise_for_status()
            text = await resp.text()
    target = URL(url)
    pem = await asyncio.to_thread(ssl.get_server_certificate, (target.host, target.port))  # ...then looked at
    if hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).digest() != digest:
        raise ValueError("this is not the pinned certificate")
    return text
