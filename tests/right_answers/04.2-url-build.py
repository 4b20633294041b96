from urllib.parse import urlsplit

import aiohttp
from yarl import URL


async def fetch_signed(session: aiohttp.ClientSession, signed_url: str) -> bytes:
    parts = urlsplit(signed_url)
    exact = URL.build(
        scheme=parts.scheme,
        host=parts.hostname,
        port=parts.port,
        path=parts.path,
        query_string=parts.query,
        encoded=True,
    )
    async with session.get(exact, raise_for_status=True) as resp:
        return await resp.read()
