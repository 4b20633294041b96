# expect: sorted by name, not in the order you sent them
from pathlib import Path

import aiohttp


async def largest_stored(session: aiohttp.ClientSession, url: str, paths: list[Path]) -> str:
    """Pairs the report's entries with the paths by position, as if they came back in the order sent."""
    form = aiohttp.FormData()
    for path in paths:
        form.add_field("files", path.read_bytes(), filename=path.name)
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        report = await resp.json()
    path, _ = max(zip(paths, report["stored"], strict=True), key=lambda pair: pair[1]["stored_size"])
    return path.name
