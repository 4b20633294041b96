import asyncio
import io
from pathlib import Path

import aiohttp


async def submit_with_attachment(
    session: aiohttp.ClientSession, url: str, fields: dict[str, str], path: Path, content_type: str
) -> dict:
    """add_field for every field, then the file's bytes in a BytesIO with filename= and content_type=."""
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    form.add_field(
        "attachment",
        io.BytesIO(await asyncio.to_thread(path.read_bytes)),
        filename=path.name,
        content_type=content_type,
    )
    async with session.post(url, data=form, raise_for_status=True) as resp:
        return await resp.json()
