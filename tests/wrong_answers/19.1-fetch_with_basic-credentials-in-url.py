# expect: latin-1 is what aiohttp uses for credentials written into the URL
import aiohttp
from yarl import URL


async def fetch_with_basic(url: str, user: str, password: str) -> dict:
    # No warning, and right for ASCII: aiohttp turns the URL's user and password into a header, in latin-1.
    with_credentials = URL(url).with_user(user).with_password(password)
    async with aiohttp.ClientSession() as session:
        async with session.get(with_credentials) as resp:
            resp.raise_for_status()
            return await resp.json()
