"""The bytes first, decoded by hand, through a ClientSession; "latin-1" is another name for ISO-8859-1."""

import aiohttp


async def read_latin1(url: str) -> str:
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        resp.raise_for_status()
        body = await resp.read()
    return body.decode("latin-1")
