import aiohttp
from yarl import URL


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    """yarl percent-encodes user and password itself when the URL is built from its parts."""
    address = URL(proxy)
    proxy_url = URL.build(scheme=address.scheme, host=address.host, port=address.port, user=login, password=password)
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy_url) as resp:
            resp.raise_for_status()
            return await resp.text()
