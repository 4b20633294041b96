# expect: Something held much of the body in memory
import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    async with session.get(url) as resp:
        resp.raise_for_status()
        body = await resp.read()  # the right file, but the whole body (twice, at the peak) in memory first
    with open(path, "wb") as file:  # noqa: ASYNC230
        file.write(body)
    return len(body)
