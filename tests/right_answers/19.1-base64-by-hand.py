import base64

import aiohttp


async def fetch_with_basic(url: str, user: str, password: str) -> dict:
    # What encode_basic_auth does, written out: the bytes of "user:password" in UTF-8, base64, after "Basic ".
    encoded = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    async with aiohttp.ClientSession(raise_for_status=True) as session:
        async with session.get(url, headers={"Authorization": f"Basic {encoded}"}) as resp:
            return await resp.json()
