import ssl

import aiohttp


async def fetch_trusting(url: str, ca_file: str) -> str:
    """Fetch the https url, trusting the CA whose certificate is in ca_file and no other; return the page's text."""
    trust_ca = ssl.create_default_context(cafile=ca_file)  # that CA alone; names still checked
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=trust_ca) as resp:
            resp.raise_for_status()
            return await resp.text()
