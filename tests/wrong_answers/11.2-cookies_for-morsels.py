# expect: gave Morsels as the values
"""filter_cookies' answer as it is: a dict (BaseCookie is one), but of Morsels."""

import aiohttp
from yarl import URL


def cookies_for(jar: aiohttp.CookieJar, url: str) -> dict[str, str]:
    return jar.filter_cookies(URL(url))
