# expect: came over 5 TCP connections
"""A ClientSession, closed properly, but a new one for every page: its pool dies with it."""

import aiohttp


async def collect_items(start_url: str) -> list[str]:
    items, url = [], start_url
    while url:
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as resp:
                page = await resp.json()
        items.append(page["item"])
        url = page["next"]
    return items
