import aiohttp


async def fetch_pinned(url: str, pin: str) -> str:
    """The pin on the connector (every request of the session), decoded pair by pair."""
    digest = bytes(int(pair, 16) for pair in pin.split(":"))
    connector = aiohttp.TCPConnector(ssl=aiohttp.Fingerprint(digest))
    async with aiohttp.ClientSession(connector=connector, raise_for_status=True) as session:
        async with session.get(url) as resp:
            return await resp.text()
