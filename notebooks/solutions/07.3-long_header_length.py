import aiohttp

HEADER_LIMIT = 64 * 1024
"""Room for one header of up to 64 KiB (name and value), instead of the default 8190 bytes."""


async def long_header_length(url: str) -> int:
    """Return the length of the X-Long-Header value of url's response, a header too long for the default limits."""
    limits = {"max_field_size": HEADER_LIMIT, "max_line_size": HEADER_LIMIT}  # max_field_size is the one for headers
    async with aiohttp.ClientSession(**limits) as session:
        async with session.get(url) as resp:
            resp.raise_for_status()
            return len(resp.headers["X-Long-Header"])
