# expect: your 4 requests went one after another
"""One shared session, right bodies in the right order, but each request waits for the one before."""

import aiohttp


async def fetch_all(urls: list[str]) -> list[str]:
    bodies = []
    async with aiohttp.ClientSession() as session:
        for url in urls:
            async with session.get(url) as resp:
                bodies.append(await resp.text())
    return bodies
