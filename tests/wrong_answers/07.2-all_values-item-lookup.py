# expect: returned the first value alone, as a str
import aiohttp


async def all_values(session: aiohttp.ClientSession, url: str, name: str) -> list[str]:
    async with session.get(url) as resp:
        return resp.headers[name]
