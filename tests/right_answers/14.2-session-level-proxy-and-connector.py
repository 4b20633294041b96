import ssl

import aiohttp


async def fetch_https_via_proxy(url: str, proxy: str, ca_file: str) -> str:
    """The proxy and the trusted CA set once, on the session and its connector."""
    connector = aiohttp.TCPConnector(ssl=ssl.create_default_context(cafile=ca_file))
    async with aiohttp.ClientSession(connector=connector, proxy=proxy) as session:
        async with session.get(url, raise_for_status=True) as resp:
            return await resp.text()
