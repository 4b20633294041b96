# expect: the server received the body as it is, uncompressed
import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url, body: bytes) -> dict:
    async with session.post(url, data=body) as resp:  # what the server decodes is right: nothing was compressed
        resp.raise_for_status()
        return await resp.json()
