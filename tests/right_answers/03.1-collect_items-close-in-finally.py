"""One session closed with await session.close() in a finally block, and the loop written with a for."""

import aiohttp


async def collect_items(start_url: str) -> list[str]:
    session = aiohttp.ClientSession()
    try:
        items, url = [], start_url
        for _ in range(1000):  # a bound, in case a server's links went round in a circle
            resp = await session.get(url)
            try:
                page = await resp.json()
            finally:
                resp.release()
            items.append(page["item"])
            url = page["next"]
            if url is None:
                return items
        raise RuntimeError("more than 1000 pages")
    finally:
        await session.close()
