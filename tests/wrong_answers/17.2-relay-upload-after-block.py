# expect: the download's stream was closed
import aiohttp


async def relay(session: aiohttp.ClientSession, source_url, target_url) -> dict:
    async with session.get(source_url) as download:
        download.raise_for_status()
    async with session.post(target_url, data=download.content) as upload:  # the download was closed with its block
        upload.raise_for_status()
        return await upload.json()
