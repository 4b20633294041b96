# expect: the credentials it got are not the ones given
import aiohttp

BY_HAND = {"#": "%23", "/": "%2F", "@": "%40", "?": "%3F"}  # every special character but % itself


async def fetch_via_proxy(url: str, proxy: str, login: str, password: str) -> str:
    for character, escaped in BY_HAND.items():
        password = password.replace(character, escaped)
    with_credentials = proxy.replace("http://", f"http://{login}:{password}@")
    async with aiohttp.ClientSession() as session:
        async with session.get(url, proxy=with_credentials) as resp:
            resp.raise_for_status()
            return await resp.text()
