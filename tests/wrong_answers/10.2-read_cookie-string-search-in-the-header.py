# expect: set by another Set-Cookie header of the same response
"""Attributes found by searching the Set-Cookie header's text: a check that set one cookie would pass it."""

import re

import aiohttp


def _search(pattern: str, text: str) -> str | None:
    found = re.search(pattern, text)
    return found.group(1) if found else None


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    async with session.get(url) as resp:
        header = resp.headers["Set-Cookie"]
    max_age = _search(r"Max-Age=(\d+)", header)
    return {
        "value": _search(rf"{name}=([^;]*)", header),
        "max_age": int(max_age) if max_age else None,
        "path": _search(r"Path=([^;]*)", header),
        "domain": _search(r"Domain=([^;]*)", header),
        "httponly": "HttpOnly" in header,
        "secure": "Secure" in header,
        "samesite": _search(r"SameSite=([^;]*)", header),
    }
