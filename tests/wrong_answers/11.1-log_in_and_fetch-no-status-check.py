# expect: the request for /private carried no cookie, although /login had set one
"""Returns a str, as asked: but it is the 401 page, because the default jar dropped the cookie.

A check that only looked at the type of the result would accept it.
"""

import aiohttp


async def log_in_and_fetch(base_url: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base_url}/login"):
            pass
        async with session.get(f"{base_url}/private") as resp:
            return await resp.text()
