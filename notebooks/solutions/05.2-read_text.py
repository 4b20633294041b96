import aiohttp


async def read_text(session: aiohttp.ClientSession, url: str, charset: str) -> str:
    """Return the body of url decoded with charset, whatever its Content-Type says (or does not say)."""
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.text(encoding=charset)  # overrides the header's charset, and the UTF-8 fallback
