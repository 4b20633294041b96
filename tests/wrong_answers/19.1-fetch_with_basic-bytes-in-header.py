# expect: that is the repr of a bytes object
import base64

import aiohttp


async def fetch_with_basic(url: str, user: str, password: str) -> dict:
    encoded = base64.b64encode(f"{user}:{password}".encode())  # bytes, put into the f-string as b'...'
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers={"Authorization": f"Basic {encoded}"}) as resp:
            resp.raise_for_status()
            return await resp.json()
