import ssl

import aiohttp


async def fetch_trusting(url: str, ca_file: str) -> str:
    """The context on the connector: every request of the session trusts that CA alone."""
    connector = aiohttp.TCPConnector(ssl=ssl.create_default_context(cafile=ca_file))
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.text()
