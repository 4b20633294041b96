# expect: jar_file was not loaded into the jar of the session that made the request
"""Loads the file into a jar of its own, which the session never uses."""

from pathlib import Path

import aiohttp


async def fetch_remembering_login(base_url: str, jar_file: Path) -> str:
    async with aiohttp.ClientSession() as session:
        if jar_file.exists():  # noqa: ASYNC240 (one look at a local disk: microseconds)
            saved = aiohttp.CookieJar()
            saved.load(jar_file)
        else:
            async with session.post(f"{base_url}/login") as resp:
                resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            page = await resp.text()
        session.cookie_jar.save(jar_file)
    return page
