# expect: the first 16 and more
import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    got = b""
    async with session.get(url) as resp:
        resp.raise_for_status()
        while len(got) < n:
            got += await resp.content.read(1024)  # the last read may bring more than is still missing
    return got
