# expect: arrived as a file
from pathlib import Path

import aiohttp


async def submit_with_attachment(
    session: aiohttp.ClientSession, url: str, fields: dict[str, str], path: Path, content_type: str
) -> dict:
    """Every value encoded to bytes first: aiohttp sends bytes as a file part named after the field."""
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value.encode())
    form.add_field("attachment", path.read_bytes(), filename=path.name, content_type=content_type)  # noqa: ASYNC240
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        return await resp.json()
