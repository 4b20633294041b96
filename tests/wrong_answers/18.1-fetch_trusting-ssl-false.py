# expect: it does not check who signed the certificate at all
import aiohttp


async def fetch_trusting(url: str, ca_file: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as resp:  # the page comes from the server, and from anyone else
            resp.raise_for_status()
            return await resp.text()
