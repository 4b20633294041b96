import aiohttp


async def read_latin1(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        resp.raise_for_status()  # an error answer raises here instead of being returned as if it were the text
        return await resp.text(encoding="iso-8859-1")
