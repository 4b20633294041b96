"""The Set-Cookie headers parsed with the standard library's SimpleCookie, one header at a time."""

from http.cookies import SimpleCookie

import aiohttp


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    async with session.get(url, raise_for_status=True) as resp:
        parsed = SimpleCookie()
        for header in resp.headers.getall("Set-Cookie", ()):
            parsed.load(header)
    morsel = parsed[name]
    return {
        "value": morsel.value,
        "max_age": int(morsel["max-age"]) if morsel["max-age"] else None,
        **{key: morsel[key] or None for key in ("path", "domain", "samesite")},
        **{flag: morsel[flag] is True for flag in ("httponly", "secure")},
    }
