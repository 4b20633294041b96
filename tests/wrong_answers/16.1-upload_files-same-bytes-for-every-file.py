# expect: both hold the bytes of
import mimetypes
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """The file read once, before the loop: every part gets its own name and type but the first file's bytes."""
    content = paths[0].read_bytes()
    form = aiohttp.FormData()
    for path in paths:
        form.add_field(field, content, filename=path.name, content_type=mimetypes.guess_type(path.name)[0])
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        return await resp.json()
