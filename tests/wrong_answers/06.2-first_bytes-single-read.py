# expect: the first piece the server sent
import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.content.read(n)  # at most n bytes: what has arrived so far
