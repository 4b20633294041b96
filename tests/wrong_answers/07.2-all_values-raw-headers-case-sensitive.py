# expect: Header names are case-insensitive: match them without case
import aiohttp


async def all_values(session: aiohttp.ClientSession, url: str, name: str) -> list[str]:
    async with session.get(url) as resp:
        return [value.decode() for key, value in resp.raw_headers if key.decode() == name]
