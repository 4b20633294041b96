# expect: was still open when it returned
"""The right session, never closed."""

import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    session = aiohttp.ClientSession(cookies=cookies)
    texts = []
    for url in urls:
        async with session.get(url) as resp:
            texts.append(await resp.text())
    return texts
