import aiohttp


async def long_header_length(url: str) -> int:
    """max_field_size alone, and the length measured on the raw bytes."""
    async with aiohttp.ClientSession(max_field_size=100_000) as session:
        async with session.get(url, raise_for_status=True) as resp:
            return next(len(value) for name, value in resp.raw_headers if name.lower() == b"x-long-header")
