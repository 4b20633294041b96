# expect: the first piece the server sent
import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for chunk in resp.content.iter_any():
            return chunk[:n]  # the first chunk may hold fewer than n bytes
    return b""
