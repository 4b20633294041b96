# expect: never called progress
import aiohttp


async def upload_file(session: aiohttp.ClientSession, url, path, progress) -> dict:
    with open(path, "rb") as file:  # noqa: ASYNC230 (streamed by aiohttp, in little memory; but nothing tells progress)
        async with session.post(url, data=file) as resp:
            resp.raise_for_status()
            return await resp.json()
