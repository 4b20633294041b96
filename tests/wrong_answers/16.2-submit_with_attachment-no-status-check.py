# expect: as if the form had been accepted
from pathlib import Path

import aiohttp


async def submit_with_attachment(
    session: aiohttp.ClientSession, url: str, fields: dict[str, str], path: Path, content_type: str
) -> dict:
    """Everything sent right, but the reply trusted whatever the status."""
    form = aiohttp.FormData(fields)
    form.add_field("attachment", path.read_bytes(), filename=path.name, content_type=content_type)  # noqa: ASYNC240
    async with session.post(url, data=form) as resp:
        return await resp.json()
