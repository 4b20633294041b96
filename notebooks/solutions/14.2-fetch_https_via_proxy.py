import ssl

import aiohttp


async def fetch_https_via_proxy(url: str, proxy: str, ca_file: str) -> str:
    """Fetch an https url through the proxy, trusting the CA whose certificate is in ca_file; return the text."""
    trust_ca = ssl.create_default_context(cafile=ca_file)
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy, ssl=trust_ca) as resp:
            resp.raise_for_status()
            return await resp.text()
