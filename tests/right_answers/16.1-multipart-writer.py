import mimetypes
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """Every part by hand with MultipartWriter: its Content-Type header and its Content-Disposition."""
    with aiohttp.MultipartWriter("form-data") as writer:
        for path in paths:
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            part = writer.append(path.read_bytes(), {"Content-Type": content_type})
            part.set_content_disposition("form-data", name=field, filename=path.name)
    async with session.post(url, data=writer) as resp:
        resp.raise_for_status()
        return await resp.json()
