"""A loop of content.read(n) until it returns b"", the size kept by the file itself."""

import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    async with session.get(url) as resp:
        if resp.status >= 400:
            resp.raise_for_status()
        with open(path, "wb") as file:  # noqa: ASYNC230
            while chunk := await resp.content.read(256 * 1024):
                file.write(chunk)
            return file.tell()
