from contextlib import ExitStack
from pathlib import Path

import aiohttp
from multidict import MultiDict


async def largest_stored(session: aiohttp.ClientSession, url: str, paths: list[Path]) -> str:
    """A MultiDict with one 'files' entry per open file; the report's entries by stored size."""
    with ExitStack() as opened:
        files = MultiDict(("files", opened.enter_context(open(path, "rb"))) for path in paths)  # noqa: ASYNC230
        async with session.post(url, data=files) as resp:
            resp.raise_for_status()
            stored = {entry["filename"]: entry["stored_size"] for entry in (await resp.json())["stored"]}
    return max(stored, key=stored.__getitem__)
