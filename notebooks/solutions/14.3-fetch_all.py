import aiohttp


async def fetch_all(urls: list[str]) -> list[str]:
    """Fetch every URL with the proxy settings of the environment (HTTP_PROXY, NO_PROXY); the texts in order."""
    texts = []
    async with aiohttp.ClientSession(trust_env=True) as session:
        for url in urls:
            async with session.get(url) as resp:
                resp.raise_for_status()
                texts.append(await resp.text())
    return texts
