# expect: the server answered 401 Unauthorized, and fetch_with_basic returned
import aiohttp


async def fetch_with_basic(url: str, user: str, password: str) -> dict:
    # The right header every time; but the 401 of wrong credentials has a JSON body, returned as if it were the account.
    credentials = {"Authorization": aiohttp.encode_basic_auth(user, password)}
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers=credentials) as resp:
            return await resp.json()
