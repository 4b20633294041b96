# expect: but the bytes are not what that says
import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url, body: bytes) -> dict:
    headers = {"Content-Encoding": "deflate"}  # the label, on bytes that were never compressed
    async with session.post(url, data=body, headers=headers) as resp:
        resp.raise_for_status()
        return await resp.json()
