# expect: urllib.parse.quote(password, safe='') encodes / too
from urllib.parse import quote

import aiohttp


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    with_credentials = proxy.replace("http://", f"http://{quote(login)}:{quote(password)}@")  # safe="/" by default
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=with_credentials) as resp:
            resp.raise_for_status()
            return await resp.text()
