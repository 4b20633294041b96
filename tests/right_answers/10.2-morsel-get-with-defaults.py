"""resp.cookies.get(name), and the attributes mapped from the names the task uses to the Morsel's keys."""

import aiohttp

MORSEL_KEYS = {"max_age": "max-age", "path": "path", "domain": "domain", "samesite": "samesite"}


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    async with session.get(url) as resp:
        if resp.status >= 400:
            resp.raise_for_status()
        morsel = resp.cookies.get(name)
    if morsel is None:
        raise LookupError(f"the response set no cookie {name!r}")
    result: dict = {"value": morsel.value}
    for key, morsel_key in MORSEL_KEYS.items():
        result[key] = morsel.get(morsel_key) or None
    if result["max_age"] is not None:
        result["max_age"] = int(result["max_age"])
    result["httponly"] = morsel.get("httponly") == True  # noqa: E712 (a flag is True or '')
    result["secure"] = morsel.get("secure") == True  # noqa: E712
    return result
