# expect: bytes.fromhex skips spaces, not colons
import aiohttp


async def fetch_pinned(url: str, pin: str) -> str:
    digest = bytes.fromhex(pin)  # "AB:CD:...": the colons are not hex
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=aiohttp.Fingerprint(digest)) as resp:
            resp.raise_for_status()
            return await resp.text()
