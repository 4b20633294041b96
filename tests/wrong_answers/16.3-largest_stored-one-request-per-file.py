# expect: requests for one call
from pathlib import Path

import aiohttp


async def largest_stored(session: aiohttp.ClientSession, url: str, paths: list[Path]) -> str:
    """A request per file, the largest stored_size across the replies: right answer, but not in one upload."""
    entries = []
    for path in paths:
        form = aiohttp.FormData()
        form.add_field("files", path.read_bytes(), filename=path.name)
        async with session.post(url, data=form) as resp:
            resp.raise_for_status()
            entries += (await resp.json())["stored"]
    return max(entries, key=lambda entry: entry["stored_size"])["filename"]
