# expect: passed the URL to filter_cookies as a str
"""The right cookies, but filter_cookies given a str: a DeprecationWarning in 3.14, an error in 4.0."""

import aiohttp


def cookies_for(jar: aiohttp.CookieJar, url: str) -> dict[str, str]:
    return {name: morsel.value for name, morsel in jar.filter_cookies(url).items()}
