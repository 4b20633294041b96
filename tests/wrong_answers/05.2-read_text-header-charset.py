# expect: the header names no charset, so UTF-8 was used
import aiohttp


async def read_text(session: aiohttp.ClientSession, url: str, charset: str) -> str:
    async with session.get(url) as resp:
        return await resp.text()  # the header's charset, or UTF-8 when it names none
