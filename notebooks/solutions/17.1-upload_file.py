import asyncio
from collections.abc import Callable
from pathlib import Path

import aiohttp

CHUNK_SIZE = 1024 * 1024  # 1 MiB: few turns of the loop, and only a few MiB in memory at once


async def file_chunks(path: Path, progress: Callable[[int], object]):
    """The file's bytes, a chunk at a time, each read in a worker thread; progress is told of each chunk sent."""
    with open(path, "rb") as file:  # noqa: ASYNC230 (opening a local file takes microseconds)
        while chunk := await asyncio.to_thread(file.read, CHUNK_SIZE):
            yield chunk  # aiohttp sends it, and asks for the next one once it has gone out
            progress(len(chunk))


async def upload_file(session: aiohttp.ClientSession, url: str, path: Path, progress: Callable[[int], object]) -> dict:
    """POST the file at path to url, streamed from disk, calling progress(n) for each chunk; return the reply."""
    async with session.post(url, data=file_chunks(path, progress)) as resp:
        resp.raise_for_status()  # an error status raises, before the reply is taken for a receipt
        return await resp.json()
