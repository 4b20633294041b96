import ssl

import aiohttp


async def fetch_https_via_proxy(url: str, proxy: str, ca_file: str) -> str:
    """A context that trusts the given CA alone (not the system's), loaded after it is made."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificates and names, as the default does
    context.load_verify_locations(cafile=ca_file)
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy, ssl=context) as resp:
            resp.raise_for_status()
            return await resp.text()
