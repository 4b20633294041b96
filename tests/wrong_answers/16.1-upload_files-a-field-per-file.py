# expect: under the one field
from contextlib import ExitStack
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """A field name of its own for each file (attachments-1, attachments-2…), as a dict needs distinct keys."""
    with ExitStack() as files:
        data = {f"{field}-{number}": files.enter_context(open(path, "rb")) for number, path in enumerate(paths, 1)}  # noqa: ASYNC230
        async with session.post(url, data=data) as resp:
            resp.raise_for_status()
            return await resp.json()
