"""The Cookie header the jar would write, parsed back as a server would: SimpleCookie unquotes the values."""

from http.cookies import SimpleCookie

import aiohttp
import yarl


def cookies_for(jar: aiohttp.CookieJar, url: str) -> dict[str, str]:
    sent = jar.filter_cookies(yarl.URL(url))
    header = "; ".join(f"{name}={morsel.coded_value}" for name, morsel in sent.items())
    return {name: morsel.value for name, morsel in SimpleCookie(header).items()}
