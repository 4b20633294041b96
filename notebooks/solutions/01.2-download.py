import aiohttp


async def download(url: str) -> bytes:
    async with aiohttp.request("GET", url) as resp:
        resp.raise_for_status()  # an error page is not the file: raise rather than return it
        return await resp.read()
