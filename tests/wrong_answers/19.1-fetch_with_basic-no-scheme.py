# expect: the value must start with the scheme and a space, 'Basic '
import base64

import aiohttp


async def fetch_with_basic(url: str, user: str, password: str) -> dict:
    encoded = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers={"Authorization": encoded}) as resp:
            resp.raise_for_status()
            return await resp.json()
