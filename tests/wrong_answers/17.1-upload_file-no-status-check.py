# expect: returned {'error': 'the server refused the upload'
import asyncio

import aiohttp


async def upload_file(session: aiohttp.ClientSession, url, path, progress) -> dict:
    async def chunks():
        with open(path, "rb") as file:  # noqa: ASYNC230
            while chunk := await asyncio.to_thread(file.read, 1024 * 1024):
                yield chunk
                progress(len(chunk))

    async with session.post(url, data=chunks()) as resp:
        return await resp.json()  # a 507 reply is returned as if it were a receipt
