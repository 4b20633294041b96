# expect: open files to upload in binary mode
from contextlib import ExitStack
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """The files opened with open(path), in text mode: aiohttp decodes them as UTF-8, and these are not text."""
    with ExitStack() as files:
        pairs = [(field, files.enter_context(open(path))) for path in paths]  # noqa: ASYNC230
        async with session.post(url, data=pairs) as resp:
            resp.raise_for_status()
            return await resp.json()
