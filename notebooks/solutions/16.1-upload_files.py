from contextlib import ExitStack
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """POST every file in paths to url in one multipart body, all under field; return the server's parsed reply."""
    form = aiohttp.FormData()
    with ExitStack() as open_files:  # every file closed when the block ends, whatever happens
        for path in paths:
            file = open_files.enter_context(open(path, "rb"))  # noqa: ASYNC230 (opening is quick; aiohttp reads in a thread)
            form.add_field(field, file)  # filename from the file's name, content type guessed from that name
        async with session.post(url, data=form) as resp:
            resp.raise_for_status()
            return await resp.json()
