# expect: aiohttp sends proxy_headers= to nobody
import aiohttp


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    credentials = {"Proxy-Authorization": aiohttp.encode_basic_auth(login, password)}
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy, proxy_headers=credentials) as resp:  # as the 3.14 warning suggests
            resp.raise_for_status()
            return await resp.text()
