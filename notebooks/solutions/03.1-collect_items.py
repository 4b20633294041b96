import aiohttp


async def collect_items(start_url: str) -> list[str]:
    items = []
    async with aiohttp.ClientSession() as session:  # one session: one kept-alive connection for every page
        url = start_url
        while url:
            async with session.get(url) as resp:
                resp.raise_for_status()
                page = await resp.json()
            items.append(page["item"])
            url = page["next"]
    return items
