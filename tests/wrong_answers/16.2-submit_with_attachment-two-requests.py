# expect: requests for one call
from pathlib import Path

import aiohttp


async def submit_with_attachment(
    session: aiohttp.ClientSession, url: str, fields: dict[str, str], path: Path, content_type: str
) -> dict:
    """The fields as a form of their own, then the file in a second request."""
    async with session.post(url, data=fields) as resp:
        resp.raise_for_status()
    form = aiohttp.FormData()
    form.add_field("attachment", path.read_bytes(), filename=path.name, content_type=content_type)  # noqa: ASYNC240
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        return await resp.json()
