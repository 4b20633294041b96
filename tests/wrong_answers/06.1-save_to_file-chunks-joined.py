# expect: Something held much of the body in memory
import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    chunks = []
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for chunk in resp.content.iter_chunked(64 * 1024):
            chunks.append(chunk)  # streamed from the network, but every chunk kept until the end
    with open(path, "wb") as file:  # noqa: ASYNC230
        file.write(b"".join(chunks))
    return sum(len(chunk) for chunk in chunks)
