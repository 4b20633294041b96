# expect: those are the right bytes decoded with another charset
import aiohttp


async def read_text(session: aiohttp.ClientSession, url: str, charset: str) -> str:
    async with session.get(url) as resp:
        return (await resp.read()).decode("latin-1")  # never raises: every byte is some latin-1 letter
