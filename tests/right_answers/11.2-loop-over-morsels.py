"""A plain loop over the morsels filter_cookies chose, keyed by each morsel's own name."""

import aiohttp
from yarl import URL


def cookies_for(jar: aiohttp.CookieJar, url: str) -> dict[str, str]:
    result = {}
    for morsel in jar.filter_cookies(URL(url)).values():
        result[morsel.key] = morsel.value
    return result
