"""An unsafe jar and base_url: the session prefixes every path, and raises for every error status."""

import aiohttp


async def log_in_and_fetch(base_url: str) -> str:
    jar = aiohttp.CookieJar(unsafe=True)
    session = aiohttp.ClientSession(base_url=base_url, cookie_jar=jar, raise_for_status=True)
    try:
        async with session.post("/login"):
            pass
        async with session.get("/private") as resp:
            return await resp.text()
    finally:
        await session.close()
