# expect: it gave up on a server that was still sending
import asyncio

import aiohttp


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    try:
        async with asyncio.timeout(idle):  # bounds the whole request, like total=
            async with session.get(url) as resp:
                resp.raise_for_status()
                return await resp.text()
    except TimeoutError:
        return None
