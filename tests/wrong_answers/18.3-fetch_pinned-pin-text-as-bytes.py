# expect: aiohttp.Fingerprint wants the 32 bytes of the SHA-256 digest
import aiohttp


async def fetch_pinned(url: str, pin: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=aiohttp.Fingerprint(pin.encode())) as resp:  # 95 bytes of text
            resp.raise_for_status()
            return await resp.text()
