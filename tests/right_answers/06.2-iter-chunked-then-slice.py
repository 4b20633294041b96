"""Chunks gathered until there are enough of them, then sliced to exactly n."""

import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    chunks, have = [], 0
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for chunk in resp.content.iter_chunked(4096):
            chunks.append(chunk)
            have += len(chunk)
            if have >= n:
                break
    return b"".join(chunks)[:n]
