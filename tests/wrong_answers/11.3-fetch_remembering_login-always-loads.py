# expect: there is no jar_file yet the first time
"""Loads the jar at every start, even the first, when there is no file yet."""

from pathlib import Path

import aiohttp


async def fetch_remembering_login(base_url: str, jar_file: Path) -> str:
    async with aiohttp.ClientSession() as session:
        session.cookie_jar.load(jar_file)
        if not len(session.cookie_jar):
            async with session.post(f"{base_url}/login") as resp:
                resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            page = await resp.text()
        session.cookie_jar.save(jar_file)
    return page
