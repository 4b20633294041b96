# expect: not 'ab'
import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    written = 0
    async with session.get(url) as resp:
        resp.raise_for_status()
        with open(path, "ab") as file:  # noqa: ASYNC230 (append: what the file held before stays in front)
            async for chunk in resp.content.iter_chunked(64 * 1024):
                file.write(chunk)
                written += len(chunk)
    return written
