# expect: A path starting with '/' replaces the base URL's path
"""Paths used as they are: '/teams' starts at the server's root, outside the API. Every answer is a 200 with a
body, so a check that only looked at the returned texts would accept it."""

import aiohttp


async def fetch_from_api(api_root, paths):
    async with aiohttp.ClientSession(base_url=api_root.rstrip("/") + "/") as session:
        texts = []
        for path in paths:
            async with session.get(path) as resp:
                texts.append(await resp.text())
        return texts
