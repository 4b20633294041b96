import aiohttp


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    """GET url; return the value and attributes of the cookie `name` that the response set."""
    async with session.get(url) as resp:
        resp.raise_for_status()
        morsel = resp.cookies[name]  # the Morsel parsed from that cookie's own Set-Cookie header
    max_age = morsel["max-age"]  # every attribute is a str, '' when the server did not set it
    return {
        "value": morsel.value,
        "max_age": int(max_age) if max_age else None,
        "path": morsel["path"] or None,
        "domain": morsel["domain"] or None,
        "httponly": bool(morsel["httponly"]),  # True, or '' when not set
        "secure": bool(morsel["secure"]),
        "samesite": morsel["samesite"] or None,
    }
