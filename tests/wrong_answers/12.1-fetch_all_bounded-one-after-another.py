# expect: one after another: the server never had more than one
"""One request at a time: never more than k in flight, so a check of "at most k" alone would accept it."""

import aiohttp


async def fetch_all_bounded(urls: list[str], k: int) -> list[str]:
    texts = []
    async with aiohttp.ClientSession() as session:
        for url in urls:
            async with session.get(url) as resp:
                texts.append(await resp.text())
    return texts
