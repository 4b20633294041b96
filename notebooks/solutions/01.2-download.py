import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        return await resp.read()
