# expect: a DummyCookieJar keeps none at all
"""A DummyCookieJar, perhaps to avoid the IP rule: it keeps no cookie from anyone."""

import aiohttp


async def log_in_and_fetch(base_url: str) -> str:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        async with session.post(f"{base_url}/login") as resp:
            resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            return await resp.text()
