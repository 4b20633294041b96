"""content.read() asked each time for what is still missing, into a bytearray."""

import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    got = bytearray()
    async with session.get(url) as resp:
        resp.raise_for_status()
        while len(got) < n:
            piece = await resp.content.read(n - len(got))
            if not piece:
                break
            got += piece
    return bytes(got)
