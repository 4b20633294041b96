# expect: its connection to the server was still open
"""One session kept in a global for later, never closed: its connection stays open after the function returns."""

import aiohttp

_session = []


async def collect_items(start_url: str) -> list[str]:
    if not _session:
        _session.append(aiohttp.ClientSession())
    session = _session[0]
    items, url = [], start_url
    while url:
        async with session.get(url) as resp:
            page = await resp.json()
        items.append(page["item"])
        url = page["next"]
    return items
