# expect: it did not trust the CA in ca_file
import ssl

import aiohttp


async def fetch_https_via_proxy(url: str, proxy: str, ca_file: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy, ssl=ssl.create_default_context()) as resp:
            resp.raise_for_status()
            return await resp.text()
