# expect: sent the cookies in the query string
"""The cookies given as params=: they end up in the URL."""

import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    texts = []
    async with aiohttp.ClientSession() as session:
        for url in urls:
            async with session.get(url, params=cookies) as resp:
                texts.append(await resp.text())
    return texts
