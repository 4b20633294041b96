# expect: came over 5 TCP connections
"""The right items, but aiohttp.request() for every page: each one opens (and closes) a connection of its own."""

import aiohttp


async def collect_items(start_url: str) -> list[str]:
    items, url = [], start_url
    while url:
        async with aiohttp.request("GET", url) as resp:
            page = await resp.json()
        items.append(page["item"])
        url = page["next"]
    return items
