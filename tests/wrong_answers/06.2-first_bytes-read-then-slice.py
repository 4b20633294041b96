# expect: had not returned after
import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    async with session.get(url) as resp:
        resp.raise_for_status()
        body = await resp.read()  # waits for the end of a body that never ends
    return body[:n]
