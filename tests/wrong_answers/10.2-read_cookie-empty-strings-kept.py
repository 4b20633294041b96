# expect: a Morsel holds '' for an attribute that is not set
"""The Morsel's strings returned as they are: '' where the task asks for None or False."""

import aiohttp


async def read_cookie(session: aiohttp.ClientSession, url: str, name: str) -> dict:
    async with session.get(url) as resp:
        morsel = resp.cookies[name]
    return {
        "value": morsel.value,
        "max_age": int(morsel["max-age"]) if morsel["max-age"] else None,
        "path": morsel["path"],
        "domain": morsel["domain"],
        "httponly": morsel["httponly"],
        "secure": morsel["secure"],
        "samesite": morsel["samesite"],
    }
