# expect: Something held much of the file in memory
from pathlib import Path

import aiohttp


async def upload_file(session: aiohttp.ClientSession, url, path, progress) -> dict:
    body = Path(path).read_bytes()  # noqa: ASYNC240 (the right bytes and hash; the whole file in memory, and copies)
    async with session.post(url, data=body) as resp:
        resp.raise_for_status()
        progress(len(body))
        return await resp.json()
