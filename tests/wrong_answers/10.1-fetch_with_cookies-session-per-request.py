# expect: for the 4 URLs went through 4 sessions
"""The right cookies on every request, but a new session (and new connections) for each URL."""

import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    texts = []
    for url in urls:
        async with aiohttp.ClientSession(cookies=cookies) as session:
            async with session.get(url) as resp:
                texts.append(await resp.text())
    return texts
