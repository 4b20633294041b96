# expect: raised KeyError
import aiohttp


async def all_values(session: aiohttp.ClientSession, url: str, name: str) -> list[str]:
    async with session.get(url) as resp:
        return resp.headers.getall(name)
