# expect: the second run logged in again
"""Saves the jar, but never loads it: it logs in on every run, and gets the page every time.

A check that only looked at the page returned would accept it.
"""

from pathlib import Path

import aiohttp


async def fetch_remembering_login(base_url: str, jar_file: Path) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base_url}/login") as resp:
            resp.raise_for_status()
        async with session.get(f"{base_url}/private") as resp:
            resp.raise_for_status()
            page = await resp.text()
        session.cookie_jar.save(jar_file)
    return page
