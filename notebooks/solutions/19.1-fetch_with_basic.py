import aiohttp


async def fetch_with_basic(url: str, user: str, password: str) -> dict:
    """GET url with HTTP Basic credentials (in UTF-8) and return its JSON body; raise for an error status."""
    credentials = {"Authorization": aiohttp.encode_basic_auth(user, password)}
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers=credentials) as resp:
            resp.raise_for_status()  # a 401 (wrong credentials) raises ClientResponseError before the body is read
            return await resp.json()
