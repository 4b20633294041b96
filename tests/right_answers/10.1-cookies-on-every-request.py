"""One session, and the per-request cookies= repeated on every request: each request carries them."""

import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    texts = []
    async with aiohttp.ClientSession() as session:
        for url in urls:
            async with session.get(url, cookies=cookies) as resp:
                texts.append(await resp.text())
    return texts
