# expect: A base_url with a path must end in '/'
"""api_root given to base_url as it is: aiohttp refuses a base URL with a path that does not end in '/'."""

import aiohttp


async def fetch_from_api(api_root, paths):
    async with aiohttp.ClientSession(base_url=api_root) as session:
        texts = []
        for path in paths:
            async with session.get(path.lstrip("/")) as resp:
                texts.append(await resp.text())
        return texts
