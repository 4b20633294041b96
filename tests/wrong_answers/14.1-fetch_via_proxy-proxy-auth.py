# expect: deprecated since aiohttp 3.14
import aiohttp


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy, proxy_auth=aiohttp.BasicAuth(login, password)) as resp:
            resp.raise_for_status()
            return await resp.text()
