# expect: without a tunnel through the proxy
import ssl

import aiohttp


async def fetch_https_via_proxy(url: str, proxy: str, ca_file: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=ssl.create_default_context(cafile=ca_file)) as resp:
            resp.raise_for_status()
            return await resp.text()
