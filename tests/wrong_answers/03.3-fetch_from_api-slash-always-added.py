# expect: A doubled '/'
"""A '/' added to api_root even when it already ends in one."""

import aiohttp


async def fetch_from_api(api_root, paths):
    async with aiohttp.ClientSession(base_url=api_root + "/") as session:
        texts = []
        for path in paths:
            target = path if path.startswith("http") else path.lstrip("/")
            async with session.get(target) as resp:
                texts.append(await resp.text())
        return texts
