"""A class with __aiter__/__anext__ instead of a generator, reads in the loop's default executor, and a
Content-Length of its own (the size is known: the server then sees no chunked encoding)."""

import asyncio
import os

import aiohttp


class FileChunks:
    """The rest of an open file, `size` bytes at a time; `progress` is told of each chunk as it is handed over."""

    def __init__(self, file, progress, size=512 * 1024):
        self.file = file
        self.progress = progress
        self.size = size

    def __aiter__(self):
        return self

    async def __anext__(self) -> bytes:
        chunk = await asyncio.get_running_loop().run_in_executor(None, self.file.read, self.size)
        if not chunk:
            raise StopAsyncIteration
        self.progress(len(chunk))
        return chunk


async def upload_file(session: aiohttp.ClientSession, url, path, progress) -> dict:
    headers = {"Content-Length": str(await asyncio.to_thread(os.path.getsize, path))}
    with open(path, "rb") as file:  # noqa: ASYNC230 (closed here, however the request ends)
        async with session.post(url, data=FileChunks(file, progress), headers=headers) as resp:
            if resp.status >= 400:
                resp.raise_for_status()
            return await resp.json()
