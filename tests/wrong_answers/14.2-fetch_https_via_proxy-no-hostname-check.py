# expect: but not the name on it (check_hostname=False)
import ssl

import aiohttp


async def fetch_https_via_proxy(url: str, proxy: str, ca_file: str) -> str:
    context = ssl.create_default_context(cafile=ca_file)
    context.check_hostname = False  # "the CA is enough"
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy, ssl=context) as resp:
            resp.raise_for_status()
            return await resp.text()
