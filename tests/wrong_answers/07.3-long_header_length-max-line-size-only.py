# expect: The limit for a header is max_field_size (max_line_size bounds only the status line)
import aiohttp


async def long_header_length(url: str) -> int:
    async with aiohttp.ClientSession(max_line_size=64 * 1024) as session:  # the wrong one of the two limits
        async with session.get(url) as resp:
            return len(resp.headers["X-Long-Header"])
