"""No base_url: yarl's URL.join (the same rules), and the requests gathered through one session."""

import asyncio

import aiohttp
from yarl import URL


async def fetch_from_api(api_root, paths):
    root = URL(api_root if api_root.endswith("/") else api_root + "/")

    async with aiohttp.ClientSession() as session:

        async def fetch(path: str) -> str:
            target = URL(path)
            url = target if target.absolute else root.join(URL(path.lstrip("/")))
            async with session.get(url) as resp:
                return await resp.text()

        return await asyncio.gather(*(fetch(path) for path in paths))
