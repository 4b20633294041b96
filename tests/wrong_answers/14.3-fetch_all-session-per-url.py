# expect: made 4 sessions for 4 URLs
import aiohttp


async def fetch_all(urls: list[str]) -> list[str]:
    texts = []
    for url in urls:
        async with aiohttp.ClientSession(trust_env=True) as session:
            async with session.get(url) as resp:
                resp.raise_for_status()
                texts.append(await resp.text())
    return texts
