# expect: the response was still open
import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    resp = await session.get(url)  # no async with: nothing closes the response when the function returns
    resp.raise_for_status()
    return await resp.content.readexactly(n)
