# expect: went direct: HTTP_PROXY says it goes through the proxy
import os

import aiohttp
from yarl import URL


async def fetch_all(urls: list[str]) -> list[str]:
    texts = []
    async with aiohttp.ClientSession() as session:
        for url in urls:
            proxy = os.environ["HTTP_PROXY"] if URL(url).host == os.environ["NO_PROXY"] else None  # backwards
            async with session.get(url, proxy=proxy) as resp:
                resp.raise_for_status()
                texts.append(await resp.text())
    return texts
