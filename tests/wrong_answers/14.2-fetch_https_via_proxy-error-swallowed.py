# expect: instead of letting the certificate error reach the caller
import ssl

import aiohttp


async def fetch_https_via_proxy(url: str, proxy: str, ca_file: str) -> str:
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(url, proxy=proxy, ssl=ssl.create_default_context(cafile=ca_file)) as resp:
                resp.raise_for_status()
                return await resp.text()
    except aiohttp.ClientError:
        return ""
