# expect: binary data is not text
import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text()  # tries to decode the bytes as UTF-8
