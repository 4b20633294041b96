# expect: a list of files as one dict value is not a file
from contextlib import ExitStack
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """A list as the dict's value works for text fields (lesson 15): aiohttp urlencodes the files' reprs instead."""
    with ExitStack() as files:
        opened = [files.enter_context(open(path, "rb")) for path in paths]  # noqa: ASYNC230
        async with session.post(url, data={field: opened}) as resp:
            resp.raise_for_status()
            return await resp.json()
