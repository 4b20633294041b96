# expect: the task asks for deflate
import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url, body: bytes) -> dict:
    async with session.post(url, data=body, compress="gzip") as resp:  # a coding the server reads, but not deflate
        resp.raise_for_status()
        return await resp.json()
