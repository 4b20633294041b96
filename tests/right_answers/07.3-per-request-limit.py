import aiohttp


async def long_header_length(url: str) -> int:
    """The limit raised for this one request only (session.get takes max_field_size too)."""
    async with aiohttp.ClientSession() as session:
        async with session.get(url, max_field_size=2**16, max_line_size=2**16) as resp:
            resp.raise_for_status()
            return len(resp.headers.getone("x-long-header"))
