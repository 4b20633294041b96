# expect: came over another connection than the log-in
"""Jars that accept IP cookies, but one session to log in and another to fetch: the second jar is empty."""

import aiohttp


async def log_in_and_fetch(base_url: str) -> str:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.post(f"{base_url}/login") as resp:
            resp.raise_for_status()
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            return await resp.text()
