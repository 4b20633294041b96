# expect: the default jar keeps no cookie set by an IP host
"""The session's jar after the request: it kept nothing, the server being 127.0.0.1."""

import aiohttp


async def cookies_along_the_way(session: aiohttp.ClientSession, url: str) -> dict[str, str]:
    async with session.get(url) as resp:
        resp.raise_for_status()
    return {morsel.key: morsel.value for morsel in session.cookie_jar}
