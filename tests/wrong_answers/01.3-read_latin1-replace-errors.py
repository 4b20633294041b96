# expect: errors='replace' hides the mistake
import aiohttp


async def read_latin1(url: str) -> str:
    async with aiohttp.request("GET", url) as resp:
        return await resp.text(errors="replace")  # no exception, but every non-ASCII letter is lost
