# expect: sent the cookies as headers named
"""The dict of cookies given as headers: each cookie becomes a header of its own."""

import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    texts = []
    async with aiohttp.ClientSession(headers=cookies) as session:
        for url in urls:
            async with session.get(url) as resp:
                texts.append(await resp.text())
    return texts
