# expect: an impostor is not an empty page
import ssl

import aiohttp


async def fetch_trusting(url: str, ca_file: str) -> str:
    trust_ca = ssl.create_default_context(cafile=ca_file)
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get(url, ssl=trust_ca) as resp:
                resp.raise_for_status()
                return await resp.text()
        except aiohttp.ClientConnectorCertificateError:
            return ""  # the caller cannot tell an impostor from an empty page
