# expect: Check the status before you open the file
import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    written = 0
    with open(path, "wb") as file:  # noqa: ASYNC230 (opened, so created, before the status is known)
        async with session.get(url) as resp:
            resp.raise_for_status()
            async for chunk in resp.content.iter_chunked(64 * 1024):
                file.write(chunk)
                written += len(chunk)
    return written
