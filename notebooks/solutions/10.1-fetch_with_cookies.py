import aiohttp


async def fetch_with_cookies(urls: list[str], cookies: dict[str, str]) -> list[str]:
    """GET every URL through one session that sends `cookies` with each request; return the texts, in order."""
    texts = []
    async with aiohttp.ClientSession(cookies=cookies) as session:  # the session's jar holds them for every request
        for url in urls:
            async with session.get(url) as resp:
                resp.raise_for_status()
                texts.append(await resp.text())
    return texts
