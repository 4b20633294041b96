# expect: is the password in the place of the login?
from urllib.parse import quote

import aiohttp


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    with_credentials = proxy.replace("http://", f"http://{quote(password, safe='')}:{quote(login, safe='')}@")
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=with_credentials) as resp:
            return await resp.text()
