# expect: left its ClientSession open
"""One session for every page, but never closed."""

import aiohttp


async def collect_items(start_url: str) -> list[str]:
    session = aiohttp.ClientSession()
    items, url = [], start_url
    while url:
        async with session.get(url) as resp:
            page = await resp.json()
        items.append(page["item"])
        url = page["next"]
    return items
