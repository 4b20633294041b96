# expect: it does not check certificates at all
import aiohttp


async def fetch_https_via_proxy(url: str, proxy: str, ca_file: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=proxy, ssl=False) as resp:  # the page comes, from anyone
            resp.raise_for_status()
            return await resp.text()
