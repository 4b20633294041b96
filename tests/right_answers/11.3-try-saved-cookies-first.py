"""A jar of its own, loaded when there is a file; the saved cookies are tried first, the log-in only on a 401."""

from pathlib import Path

import aiohttp


async def fetch_remembering_login(base_url: str, jar_file: Path) -> str:
    jar = aiohttp.CookieJar()
    if jar_file.is_file():  # noqa: ASYNC240 (one look at a local disk: microseconds)
        jar.load(jar_file)
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        async with session.get(f"{base_url}/private") as resp:
            if resp.status != 401:
                resp.raise_for_status()
                page = await resp.text()
            else:
                page = None
        if page is None:  # not logged in (no saved jar, or its session has ended): log in, then ask again
            async with session.post(f"{base_url}/login") as resp:
                resp.raise_for_status()
            async with session.get(f"{base_url}/private") as resp:
                resp.raise_for_status()
                page = await resp.text()
    jar.save(jar_file)  # the jar outlives the session
    return page
