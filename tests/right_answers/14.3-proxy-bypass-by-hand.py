import urllib.request

import aiohttp
from yarl import URL


async def fetch_all(urls: list[str]) -> list[str]:
    """What trust_env=True does, by hand: the proxy from getproxies(), NO_PROXY applied by proxy_bypass()."""
    proxies = urllib.request.getproxies()
    texts = []
    async with aiohttp.ClientSession() as session:
        for url in urls:
            host = URL(url).host or ""
            proxy = None if urllib.request.proxy_bypass(host) else proxies.get("http")
            async with session.get(url, proxy=proxy) as resp:
                resp.raise_for_status()
                texts.append(await resp.text())
    return texts
