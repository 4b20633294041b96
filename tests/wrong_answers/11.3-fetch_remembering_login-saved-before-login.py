# expect: jar_file holds no session cookie
"""Saves the jar as soon as the session opens: before the log-in, so it saves an empty jar."""

from pathlib import Path

import aiohttp


async def fetch_remembering_login(base_url: str, jar_file: Path) -> str:
    async with aiohttp.ClientSession() as session:
        if jar_file.exists():  # noqa: ASYNC240 (one look at a local disk: microseconds)
            session.cookie_jar.load(jar_file)
            logged_in = True
        else:
            session.cookie_jar.save(jar_file)
            logged_in = False
        if not logged_in:
            async with session.post(f"{base_url}/login") as resp:
                resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            return await resp.text()
