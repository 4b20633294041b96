# expect: the X-Long-Header value the server sent is
import aiohttp


async def long_header_length(url: str) -> int:
    async with aiohttp.ClientSession(max_field_size=64 * 1024) as session:
        async with session.get(url) as resp:
            return int(resp.headers["Content-Length"])  # the length of the body, not of the header
