# expect: the first piece the server sent
import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for chunk in resp.content.iter_chunked(n):
            return chunk  # "chunks of n bytes" are chunks of at most n bytes
    return b""
