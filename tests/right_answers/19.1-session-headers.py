import aiohttp


async def fetch_with_basic(url: str, user: str, password: str) -> dict:
    # The credentials as a default header of a session made for this one server.
    headers = {"Authorization": aiohttp.encode_basic_auth(user, password)}
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(url) as resp:
            if resp.status >= 400:
                raise aiohttp.ClientResponseError(resp.request_info, resp.history, status=resp.status)
            return await resp.json()
