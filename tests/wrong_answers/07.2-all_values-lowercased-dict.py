# expect: returned only the last value
import aiohttp


async def all_values(session: aiohttp.ClientSession, url: str, name: str) -> list[str]:
    async with session.get(url) as resp:
        by_name = {key.lower(): value for key, value in resp.headers.items()}  # a later value replaces an earlier
        return [by_name[name.lower()]] if name.lower() in by_name else []
