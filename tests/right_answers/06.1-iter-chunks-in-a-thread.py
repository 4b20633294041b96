"""iter_chunks() (the HTTP chunks as they came), and every file operation run in a worker thread."""

import asyncio

import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    async with session.get(url) as resp:
        resp.raise_for_status()
        file = await asyncio.to_thread(open, path, "wb")
        try:
            written = 0
            async for data, _end_of_http_chunk in resp.content.iter_chunks():
                written += await asyncio.to_thread(file.write, data)
        finally:
            await asyncio.to_thread(file.close)
    return written
