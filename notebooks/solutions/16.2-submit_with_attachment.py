from pathlib import Path

import aiohttp


async def submit_with_attachment(
    session: aiohttp.ClientSession, url: str, fields: dict[str, str], path: Path, content_type: str
) -> dict:
    """POST the text fields and the file (as 'attachment') in one multipart body; return the server's parsed reply."""
    form = aiohttp.FormData(fields)  # text fields: parts without a filename
    with open(path, "rb") as file:  # noqa: ASYNC230 (opening is quick; aiohttp reads the file in a thread)
        form.add_field("attachment", file, filename=path.name, content_type=content_type)
        async with session.post(url, data=form) as resp:
            resp.raise_for_status()  # an error status raises here, before the reply is trusted
            return await resp.json()
