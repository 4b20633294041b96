import aiohttp


async def read_text(session: aiohttp.ClientSession, url: str, charset: str) -> str:
    """The bytes first, then str.decode with the charset the caller knows."""
    async with session.get(url, raise_for_status=True) as resp:
        body = await resp.read()
    return body.decode(charset)
