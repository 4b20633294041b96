# expect: Percent-encode the login and the password
import aiohttp


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    with_credentials = proxy.replace("http://", f"http://{login}:{password}@")
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=with_credentials) as resp:
            resp.raise_for_status()
            return await resp.text()
