import aiohttp


async def all_values(session: aiohttp.ClientSession, url: str, name: str) -> list[str]:
    """Return every value of the response header `name` (any spelling), in the order sent; [] when there is none."""
    async with session.get(url) as resp:
        resp.raise_for_status()
        return resp.headers.getall(name, [])  # [name] and .get(name) would give the first value only
