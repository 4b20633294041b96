from pathlib import Path

import aiohttp

CHUNK_SIZE = 64 * 1024  # large enough to be quick, small enough to keep memory flat


async def save_to_file(session: aiohttp.ClientSession, url: str, path: Path) -> int:
    """Save the body of url to path, chunk by chunk; return how many bytes were written."""
    async with session.get(url) as resp:
        resp.raise_for_status()  # before the file is opened: an error page never becomes the download
        written = 0
        with open(path, "wb") as file:  # noqa: ASYNC230 (a local disk takes each write in microseconds)
            async for chunk in resp.content.iter_chunked(CHUNK_SIZE):
                file.write(chunk)  # each chunk goes to the file as it arrives, and is then let go
                written += len(chunk)
    return written
