# expect: saved the error page
import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    written = 0
    async with session.get(url) as resp:  # no status check: a 404 page is saved as if it were the file
        with open(path, "wb") as file:  # noqa: ASYNC230
            async for chunk in resp.content.iter_chunked(64 * 1024):
                file.write(chunk)
                written += len(chunk)
    return written
