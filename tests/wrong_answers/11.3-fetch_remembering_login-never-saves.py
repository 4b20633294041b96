# expect: after the first run there was no file at jar_file
"""Loads a saved jar when there is one, but never saves one."""

from pathlib import Path

import aiohttp


async def fetch_remembering_login(base_url: str, jar_file: Path) -> str:
    async with aiohttp.ClientSession() as session:
        if jar_file.exists():  # noqa: ASYNC240 (one look at a local disk: microseconds)
            session.cookie_jar.load(jar_file)
        else:
            async with session.post(f"{base_url}/login") as resp:
                resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            return await resp.text()
