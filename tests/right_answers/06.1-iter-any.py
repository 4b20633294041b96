"""iter_any(): whatever has arrived, written as it comes; raise_for_status=True raises before the block."""

import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    total = 0
    async with session.get(url, raise_for_status=True) as resp:
        with open(path, "wb") as file:  # noqa: ASYNC230
            async for data in resp.content.iter_any():
                total += file.write(data)
    return total
