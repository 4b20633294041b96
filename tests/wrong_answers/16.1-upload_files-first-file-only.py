# expect: you were given
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """One multipart body arrives, a file in it, every part right: but only the first of the files."""
    with open(paths[0], "rb") as file:  # noqa: ASYNC230
        async with session.post(url, data={field: file}) as resp:
            resp.raise_for_status()
            return await resp.json()
