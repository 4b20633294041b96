import asyncio
from pathlib import Path

import aiohttp


async def largest_stored(session: aiohttp.ClientSession, url: str, paths: list[Path]) -> str:
    """Bytes read in a thread, the report sorted by stored_size: its last entry is the largest."""
    form = aiohttp.FormData()
    for path in paths:
        form.add_field("files", await asyncio.to_thread(path.read_bytes), filename=path.name)
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        report = await resp.json()
    return sorted(report["stored"], key=lambda entry: entry["stored_size"])[-1]["filename"]
