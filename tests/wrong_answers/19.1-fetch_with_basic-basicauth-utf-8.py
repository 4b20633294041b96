# expect: deprecated since aiohttp 3.14
import aiohttp


async def fetch_with_basic(url: str, user: str, password: str) -> dict:
    # The header the server gets is right, but BasicAuth and auth= warn in 3.14 and are gone in 4.0.
    async with aiohttp.ClientSession() as session:
        async with session.get(url, auth=aiohttp.BasicAuth(user, password, encoding="utf-8")) as resp:
            resp.raise_for_status()
            return await resp.json()
