# expect: came over 5 TCP connections
"""One session, closed, but every request asks the server to close the connection after answering."""

import aiohttp


async def collect_items(start_url: str) -> list[str]:
    items, url = [], start_url
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as session:
        while url:
            async with session.get(url) as resp:
                page = await resp.json()
            items.append(page["item"])
            url = page["next"]
    return items
