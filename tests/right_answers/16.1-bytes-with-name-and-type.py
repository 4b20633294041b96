import asyncio
import mimetypes
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """Each file's bytes read in a thread, with filename= and the content type mimetypes guesses from the name."""
    form = aiohttp.FormData()
    for path in paths:
        content = await asyncio.to_thread(path.read_bytes)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        form.add_field(field, content, filename=path.name, content_type=content_type)
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        return await resp.json()
