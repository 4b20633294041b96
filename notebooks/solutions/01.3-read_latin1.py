import aiohttp


async def read_latin1(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text(encoding="iso-8859-1")
