# expect: carried no cookies, while the first one did
"""The cookies given to the first request only: a check that looked at one request would pass it."""

import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    texts = []
    async with aiohttp.ClientSession() as session:
        for index, url in enumerate(urls):
            async with session.get(url, cookies=cookies if index == 0 else None) as resp:
                texts.append(await resp.text())
    return texts
