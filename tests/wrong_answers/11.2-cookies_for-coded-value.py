# expect: its coded_value
"""coded_value instead of value: the same for most cookies, quoted for a value with a space."""

import aiohttp
from yarl import URL


def cookies_for(jar: aiohttp.CookieJar, url: str) -> dict[str, str]:
    return {name: morsel.coded_value for name, morsel in jar.filter_cookies(URL(url)).items()}
