import aiohttp


async def all_values(session: aiohttp.ClientSession, url: str, name: str) -> list[str]:
    """A loop over the multidict's items (every pair, repeats included), comparing names with casefold()."""
    async with session.get(url) as resp:
        resp.raise_for_status()
        return [value for key, value in resp.headers.items() if key.casefold() == name.casefold()]
