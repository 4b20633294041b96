# expect: For a cookie without Max-Age the Morsel holds ''
"""int() of Max-Age whether or not the server set it."""

import aiohttp


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    async with session.get(url) as resp:
        morsel = resp.cookies[name]
    return {
        "value": morsel.value,
        "max_age": int(morsel["max-age"]),
        "path": morsel["path"] or None,
        "domain": morsel["domain"] or None,
        "httponly": bool(morsel["httponly"]),
        "secure": bool(morsel["secure"]),
        "samesite": morsel["samesite"] or None,
    }
