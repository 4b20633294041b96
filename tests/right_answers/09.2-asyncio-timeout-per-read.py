import asyncio

import aiohttp


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    """An idle timeout by hand: asyncio.timeout(idle) around the wait for the headers and around every read."""
    try:
        async with asyncio.timeout(idle):
            resp = await session.get(url)
    except TimeoutError:
        return None
    async with resp:
        resp.raise_for_status()
        pieces = []
        while True:
            try:
                async with asyncio.timeout(idle):
                    piece = await resp.content.readany()
            except TimeoutError:
                return None
            if not piece:
                return b"".join(pieces).decode(resp.get_encoding())
            pieces.append(piece)
