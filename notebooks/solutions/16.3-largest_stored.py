from contextlib import ExitStack
from pathlib import Path

import aiohttp


async def largest_stored(session: aiohttp.ClientSession, url: str, paths: list[Path]) -> str:
    """Upload the files under 'files'; return the filename the server's report says takes the most room."""
    with ExitStack() as open_files:
        files = [open_files.enter_context(open(path, "rb")) for path in paths]  # noqa: ASYNC230 (quick to open)
        async with session.post(url, data=[("files", file) for file in files]) as resp:
            resp.raise_for_status()  # a full album answers 507: there is no report to read
            report = await resp.json()
    largest = max(report["stored"], key=lambda entry: entry["stored_size"])  # the server's sizes, not the disk's
    return largest["filename"]
