# expect: fell back to UTF-8
import aiohttp


async def read_latin1(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text()  # no charset declared: aiohttp decodes as UTF-8
