# expect: sent its request straight to the server, not through the proxy
import aiohttp


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:  # the page comes back all the same: only the proxy's log tells
            resp.raise_for_status()
            return await resp.text()
