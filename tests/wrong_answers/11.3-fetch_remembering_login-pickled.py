# expect: jar_file is not JSON
"""The jar's cookies pickled by hand, as code written for aiohttp 3.13 and before often did."""

import pickle
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
            page = await resp.text()
        with jar_file.open("wb") as file:
            pickle.dump(dict(session.cookie_jar.cookies), file, pickle.HIGHEST_PROTOCOL)
    return page
