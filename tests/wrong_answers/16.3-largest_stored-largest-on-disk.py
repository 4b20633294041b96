# expect: not the sizes on your disk
from pathlib import Path

import aiohttp


async def largest_stored(session: aiohttp.ClientSession, url: str, paths: list[Path]) -> str:
    """Uploads every file right, then guesses from the local files: the largest as sent, not as stored."""
    form = aiohttp.FormData()
    for path in paths:
        form.add_field("files", path.read_bytes(), filename=path.name)
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
    return max(paths, key=lambda path: path.stat().st_size).name
