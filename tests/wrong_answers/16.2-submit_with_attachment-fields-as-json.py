# expect: the server received no field 'title'
import json
from pathlib import Path

import aiohttp


async def submit_with_attachment(
    session: aiohttp.ClientSession, url: str, fields: dict[str, str], path: Path, content_type: str
) -> dict:
    """The fields as one JSON part: a server that reads the form's fields finds none of them."""
    form = aiohttp.FormData()
    form.add_field("fields", json.dumps(fields), content_type="application/json")
    form.add_field("attachment", path.read_bytes(), filename=path.name, content_type=content_type)  # noqa: ASYNC240
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        return await resp.json()
