# expect: the right number, but as a str
"""The Morsel read right, but Max-Age returned as the string it holds."""

import aiohttp


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    async with session.get(url) as resp:
        morsel = resp.cookies[name]
    return {
        "value": morsel.value,
        "max_age": morsel["max-age"] or None,
        "path": morsel["path"] or None,
        "domain": morsel["domain"] or None,
        "httponly": bool(morsel["httponly"]),
        "secure": bool(morsel["secure"]),
        "samesite": morsel["samesite"] or None,
    }
