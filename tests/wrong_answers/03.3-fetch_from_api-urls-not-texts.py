# expect: the texts returned are not the server's answers
"""The right requests, but what is returned is the URL of each answer, not its text."""

import aiohttp


async def fetch_from_api(api_root, paths):
    async with aiohttp.ClientSession(base_url=api_root.rstrip("/") + "/") as session:
        urls = []
        for path in paths:
            async with session.get(path if "://" in path else path.lstrip("/")) as resp:
                urls.append(str(resp.url))
        return urls
