# expect: keeps no cookie set by an IP host such as 127.0.0.1
"""The cookie looked up in the session's jar, which kept nothing from 127.0.0.1."""

import aiohttp
from yarl import URL


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    async with session.get(url) as resp:
        resp.raise_for_status()
    morsel = session.cookie_jar.filter_cookies(URL(url))[name]
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
