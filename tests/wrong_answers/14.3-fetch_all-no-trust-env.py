# expect: a session reads the environment only when it is made with aiohttp.ClientSession(trust_env=True)
import aiohttp


async def fetch_all(urls: list[str]) -> list[str]:
    texts = []
    async with aiohttp.ClientSession() as session:
        for url in urls:
            async with session.get(url) as resp:
                resp.raise_for_status()
                texts.append(await resp.text())
    return texts
