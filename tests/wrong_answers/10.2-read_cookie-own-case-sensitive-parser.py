# expect: they are case-insensitive
"""The right Set-Cookie header found by the cookie's name, then parsed by hand with the attribute names as the
RFC spells them: a server may write them in any case."""

import aiohttp


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    async with session.get(url) as resp:
        headers = resp.headers.getall("Set-Cookie")
    header = next(h for h in headers if h.startswith(f"{name}="))
    pair, *attributes = [part.strip() for part in header.split(";")]
    settings = dict(attribute.partition("=")[::2] for attribute in attributes)
    return {
        "value": pair.partition("=")[2],
        "max_age": int(settings["Max-Age"]) if "Max-Age" in settings else None,
        "path": settings.get("Path"),
        "domain": settings.get("Domain"),
        "httponly": "HttpOnly" in settings,
        "secure": "Secure" in settings,
        "samesite": settings.get("SameSite"),
    }
