# expect: returned cookies the jar would not send
"""Every cookie in the jar, as a dict of str: the right type, the right values, the wrong cookies.

A check that only looked at the type of the result (or at one URL that gets most cookies) would accept it.
"""

import aiohttp


def cookies_for(jar: aiohttp.CookieJar, url: str) -> dict[str, str]:
    return {morsel.key: morsel.value for morsel in jar}
