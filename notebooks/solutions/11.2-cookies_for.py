import aiohttp
from yarl import URL


def cookies_for(jar: aiohttp.CookieJar, url: str) -> dict[str, str]:
    """The names and values of the cookies jar would send with a request to url."""
    sent = jar.filter_cookies(URL(url))  # a yarl.URL: a str warns in aiohttp 3.14
    return {name: morsel.value for name, morsel in sent.items()}
