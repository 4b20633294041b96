# expect: its name says
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """Bytes with their filename but no content_type=: every file goes as application/octet-stream."""
    form = aiohttp.FormData()
    for path in paths:
        form.add_field(field, path.read_bytes(), filename=path.name)
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        return await resp.json()
