# expect: Compare the pin on the connection the request goes over
import asyncio
import hashlib
import ssl

import aiohttp
from yarl import URL


async def fetch_pinned(url: str, pin: str) -> str:
    digest = bytes.fromhex(pin.replace(":", ""))
    target = URL(url)
    pem = await asyncio.to_thread(ssl.get_server_certificate, (target.host, target.port))  # one connection...
    if hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).digest() != digest:
        raise ValueError("this is not the pinned certificate")
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as resp:  # ...and the request on another, checked by nobody
            resp.raise_for_status()
            return await resp.text()
