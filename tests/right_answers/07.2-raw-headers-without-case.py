import aiohttp


async def all_values(session: aiohttp.ClientSession, url: str, name: str) -> list[str]:
    """From the raw bytes: every pair whose name matches without case, decoded, in the order sent."""
    wanted = name.lower().encode()
    async with session.get(url, raise_for_status=True) as resp:
        return [value.decode() for key, value in resp.raw_headers if key.lower() == wanted]
