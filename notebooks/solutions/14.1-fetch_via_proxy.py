from urllib.parse import quote

import aiohttp


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    """Fetch url through the proxy at `proxy` (http://host:port), which wants login and password; return the text."""
    scheme, address = proxy.split("://", 1)
    proxy_with_credentials = f"{scheme}://{quote(login, safe='')}:{quote(password, safe='')}@{address}"
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy_with_credentials) as resp:
            resp.raise_for_status()
            return await resp.text()
