# expect: Something held much of the file in memory
import asyncio

import aiohttp


async def upload_file(session: aiohttp.ClientSession, url, path, progress) -> dict:
    pieces = []
    with open(path, "rb") as file:  # noqa: ASYNC230
        while chunk := await asyncio.to_thread(file.read, 1024 * 1024):
            pieces.append(chunk)  # every chunk kept: the whole file in a list

    async def chunks():
        for piece in pieces:
            yield piece
            progress(len(piece))

    async with session.post(url, data=chunks()) as resp:
        resp.raise_for_status()
        return await resp.json()
