# expect: the task gives its content type
from pathlib import Path

import aiohttp


async def submit_with_attachment(
    session: aiohttp.ClientSession, url: str, fields: dict[str, str], path: Path, content_type: str
) -> dict:
    """The open file in a dict with the fields: right name, but the type aiohttp guesses from a name with no suffix."""
    with open(path, "rb") as file:  # noqa: ASYNC230
        async with session.post(url, data={**fields, "attachment": file}) as resp:
            resp.raise_for_status()
            return await resp.json()
