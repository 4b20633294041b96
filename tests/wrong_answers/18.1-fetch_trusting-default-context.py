# expect: it did not trust the CA in ca_file
import aiohttp


async def fetch_trusting(url: str, ca_file: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:  # the system's CAs only: ca_file is never read
            resp.raise_for_status()
            return await resp.text()
