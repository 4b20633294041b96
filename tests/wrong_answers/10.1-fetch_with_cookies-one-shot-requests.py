# expect: aiohttp.request() makes one each time too
"""aiohttp.request() with cookies= for each URL: each call is a session of its own."""

import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    texts = []
    for url in urls:
        async with aiohttp.request("GET", url, cookies=cookies) as resp:
            texts.append(await resp.text())
    return texts
