import aiohttp


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    """For an http URL, the request itself carries Proxy-Authorization: `headers=`, not `proxy_headers=`."""
    credentials = {"Proxy-Authorization": aiohttp.encode_basic_auth(login, password)}
    async with aiohttp.ClientSession(headers=credentials) as session:
        async with session.get(url, proxy=proxy) as resp:
            if resp.status != 200:
                raise aiohttp.ClientResponseError(resp.request_info, resp.history, status=resp.status)
            return await resp.text()
