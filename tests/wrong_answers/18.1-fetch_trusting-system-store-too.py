# expect: it trusts the CAs of the system's store as well as the one in ca_file
import ssl

import aiohttp


async def fetch_trusting(url: str, ca_file: str) -> str:
    trust = ssl.create_default_context()  # every CA of the system's store...
    trust.load_verify_locations(cafile=ca_file)  # ...and the given one on top
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=trust) as resp:
            resp.raise_for_status()
            return await resp.text()
