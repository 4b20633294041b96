# expect: yet NO_PROXY=localhost says it goes direct
import os

import aiohttp


async def fetch_all(urls: list[str]) -> list[str]:
    texts = []
    async with aiohttp.ClientSession() as session:
        for url in urls:
            async with session.get(url, proxy=os.environ["HTTP_PROXY"]) as resp:  # every page comes back right
                resp.raise_for_status()
                texts.append(await resp.text())
    return texts
