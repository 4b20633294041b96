# expect: but not the name on it (check_hostname=False)
import ssl

import aiohttp


async def fetch_trusting(url: str, ca_file: str) -> str:
    trust_ca = ssl.create_default_context(cafile=ca_file)
    trust_ca.check_hostname = False  # "the name is only a formality": any certificate of that CA passes
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=trust_ca) as resp:
            resp.raise_for_status()
            return await resp.text()
