# expect: errors='replace' hides the mistake
import aiohttp


async def read_text(session: aiohttp.ClientSession, url: str, charset: str) -> str:
    async with session.get(url) as resp:
        return await resp.text(errors="replace")
