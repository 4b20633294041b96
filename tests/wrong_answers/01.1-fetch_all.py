# expect: the requests did not overlap
import aiohttp


async def fetch_all(urls: list[str]) -> list[str]:
    bodies = []
    for url in urls:  # each request waits for the previous one to finish
        async with aiohttp.request("GET", url) as resp:
            bodies.append(await resp.text())
    return bodies
