import asyncio
from pathlib import Path

import aiohttp


async def submit_with_attachment(
    session: aiohttp.ClientSession, url: str, fields: dict[str, str], path: Path, content_type: str
) -> dict:
    """Each part by hand: text parts named after their fields, then the file with its filename and type."""
    content = await asyncio.to_thread(path.read_bytes)
    with aiohttp.MultipartWriter("form-data") as writer:
        for name, value in fields.items():
            writer.append(value).set_content_disposition("form-data", name=name)
        part = writer.append(content, {"Content-Type": content_type})
        part.set_content_disposition("form-data", name="attachment", filename=path.name)
    async with session.post(url, data=writer) as resp:
        resp.raise_for_status()
        return await resp.json()
