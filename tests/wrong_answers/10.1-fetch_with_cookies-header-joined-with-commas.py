# expect: does not separate the pairs with
"""A Cookie header written by hand, the pairs joined with commas as in other headers (the separator is "; ")."""

import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    header = ", ".join(f"{name}={value}" for name, value in cookies.items())
    texts = []
    async with aiohttp.ClientSession(headers={"Cookie": header}) as session:
        for url in urls:
            async with session.get(url) as resp:
                texts.append(await resp.text())
    return texts
