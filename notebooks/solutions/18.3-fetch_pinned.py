import aiohttp


async def fetch_pinned(url: str, pin: str) -> str:
    """Fetch the https url only from the server whose certificate's SHA-256 is pin ("AB:CD:..."); return the text."""
    digest = bytes.fromhex(pin.replace(":", ""))
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=aiohttp.Fingerprint(digest)) as resp:
            resp.raise_for_status()
            return await resp.text()
