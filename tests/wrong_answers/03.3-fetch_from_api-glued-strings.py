# expect: A full URL was glued to the base
"""URLs glued together by hand: right for relative paths, wrong for the full URL."""

import aiohttp


async def fetch_from_api(api_root, paths):
    async with aiohttp.ClientSession() as session:
        texts = []
        for path in paths:
            async with session.get(api_root.rstrip("/") + "/" + path.lstrip("/")) as resp:
                texts.append(await resp.text())
        return texts
