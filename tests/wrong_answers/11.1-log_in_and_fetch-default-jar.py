# expect: a default aiohttp.CookieJar keeps no cookie an IP address sets
"""One session, statuses checked, but the default jar: the cookie 127.0.0.1 sets is dropped."""

import aiohttp


async def log_in_and_fetch(base_url: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base_url}/login") as resp:
            resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            return await resp.text()
