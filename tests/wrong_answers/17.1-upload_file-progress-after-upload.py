# expect: progress was called only after the server had received the whole file
import asyncio

import aiohttp


async def upload_file(session: aiohttp.ClientSession, url, path, progress) -> dict:
    sizes = []

    async def chunks():
        with open(path, "rb") as file:  # noqa: ASYNC230
            while chunk := await asyncio.to_thread(file.read, 1024 * 1024):
                sizes.append(len(chunk))
                yield chunk

    async with session.post(url, data=chunks()) as resp:
        resp.raise_for_status()
        reply = await resp.json()
    for size in sizes:  # the bar would only move once everything is over
        progress(size)
    return reply
