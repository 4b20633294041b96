import aiohttp


async def log_in_and_fetch(base_url: str) -> str:
    """POST base_url/login, then GET base_url/private with the cookie it set; return the private page's text."""
    jar = aiohttp.CookieJar(unsafe=True)  # the server is an IP address: a default jar would drop its cookie
    async with aiohttp.ClientSession(cookie_jar=jar) as session:  # one session: its jar carries the cookie
        async with session.post(f"{base_url}/login") as resp:
            resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            return await resp.text()
