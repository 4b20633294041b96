# expect: is Secure: it goes over https only
"""The host and the path matched by hand: right for most URLs, but Secure is forgotten (and /cartoons...)."""

import aiohttp
from yarl import URL


def cookies_for(jar: aiohttp.CookieJar, url: str) -> dict[str, str]:
    target = URL(url)
    return {
        morsel.key: morsel.value
        for morsel in jar
        if (target.host or "").endswith(morsel["domain"]) and target.path.startswith(morsel["path"])
    }
