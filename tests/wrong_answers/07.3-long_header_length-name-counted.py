# expect: that counts the name and ': ' too
import aiohttp


async def long_header_length(url: str) -> int:
    async with aiohttp.ClientSession(max_field_size=64 * 1024) as session:
        async with session.get(url) as resp:
            name, value = next(pair for pair in resp.raw_headers if pair[0].lower() == b"x-long-header")
            return len(name + b": " + value)  # the whole header line, not its value
