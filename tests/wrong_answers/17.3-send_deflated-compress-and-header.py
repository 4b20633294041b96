# expect: compress can not be set if Content-Encoding header is set
import aiohttp


async def send_deflated(session: aiohttp.ClientSession, url, body: bytes) -> dict:
    headers = {"Content-Encoding": "deflate"}
    async with session.post(url, data=body, compress="deflate", headers=headers) as resp:  # aiohttp refuses both
        resp.raise_for_status()
        return await resp.json()
