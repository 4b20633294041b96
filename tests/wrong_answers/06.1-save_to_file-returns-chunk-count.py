# expect: not the number of chunks
import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    count = 0
    async with session.get(url) as resp:
        resp.raise_for_status()
        with open(path, "wb") as file:  # noqa: ASYNC230
            async for chunk in resp.content.iter_chunked(64 * 1024):
                file.write(chunk)
                count += 1  # the number of chunks, not of bytes
    return count
