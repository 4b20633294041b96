"""The body read chunk by chunk from the stream, through a ClientSession, then joined."""

import aiohttp


async def download(url: str) -> bytes:
    chunks = []
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        resp.raise_for_status()
        async for chunk in resp.content.iter_chunked(1024):
            chunks.append(chunk)
    return b"".join(chunks)
