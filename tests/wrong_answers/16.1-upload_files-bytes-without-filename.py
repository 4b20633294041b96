# expect: the field's name, not the file's name
import mimetypes
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """Bytes and their content type, but no filename=: aiohttp names each file after the field (and warns)."""
    form = aiohttp.FormData()
    for path in paths:
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        form.add_field(field, path.read_bytes(), content_type=content_type)
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        return await resp.json()
