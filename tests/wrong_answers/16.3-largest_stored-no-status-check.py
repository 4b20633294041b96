# expect: for a 507 response largest_stored raised ValueError
from pathlib import Path

import aiohttp


async def largest_stored(session: aiohttp.ClientSession, url: str, paths: list[Path]) -> str:
    """Reads the report whatever the status: a full album's error body has no entries to take the max of."""
    form = aiohttp.FormData()
    for path in paths:
        form.add_field("files", path.read_bytes(), filename=path.name)
    async with session.post(url, data=form) as resp:
        report = await resp.json()
    return max(report["stored"], key=lambda entry: entry["stored_size"])["filename"]
