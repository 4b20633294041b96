# expect: uploaded the download's error page
import aiohttp


async def relay(session: aiohttp.ClientSession, source_url, target_url) -> dict:
    async with session.get(source_url) as download:  # a 404 page is streamed on as if it were the file
        async with session.post(target_url, data=download.content) as upload:
            upload.raise_for_status()
            return await upload.json()
