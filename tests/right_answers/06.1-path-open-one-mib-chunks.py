"""pathlib's open, and larger chunks (1 MiB): still a small fraction of the body."""

from pathlib import Path

import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url: str, path: Path) -> int:
    async with session.get(url) as resp:
        resp.raise_for_status()
        size = 0
        with Path(path).open("wb") as out:  # noqa: ASYNC230
            async for piece in resp.content.iter_chunked(1024 * 1024):
                out.write(piece)
                size += len(piece)
        return size
