from contextlib import ExitStack
from pathlib import Path

import aiohttp


async def upload_files(session: aiohttp.ClientSession, url: str, field: str, paths: list[Path]) -> dict:
    """A list of (field, open file) pairs as data=: aiohttp builds the FormData, one part per pair."""
    with ExitStack() as files:
        pairs = [(field, files.enter_context(open(path, "rb"))) for path in paths]  # noqa: ASYNC230
        async with session.post(url, data=pairs) as resp:
            resp.raise_for_status()
            return await resp.json()
