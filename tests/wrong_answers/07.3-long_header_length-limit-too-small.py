# expect: a limit of 16,384 bytes is too small for this header
import aiohttp


async def long_header_length(url: str) -> int:
    async with aiohttp.ClientSession(max_field_size=16_384, max_line_size=16_384) as session:  # twice the default
        async with session.get(url) as resp:
            return len(resp.headers["X-Long-Header"])
