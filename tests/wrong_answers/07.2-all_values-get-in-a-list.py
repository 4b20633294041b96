# expect: returned only the first value
import aiohttp


async def all_values(session: aiohttp.ClientSession, url: str, name: str) -> list[str]:
    async with session.get(url) as resp:
        value = resp.headers.get(name)
        # A list of str holding a value the server sent: a surface check would accept it.
        return [] if value is None else [value]
