# expect: the session still has the default limit of 8190 bytes
import aiohttp


async def long_header_length(url: str) -> int:
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            return len(resp.headers["X-Long-Header"])
