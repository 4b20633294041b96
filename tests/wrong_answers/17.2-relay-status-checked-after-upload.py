# expect: but it had already uploaded the error page
import aiohttp


async def relay(session: aiohttp.ClientSession, source_url, target_url) -> dict:
    async with session.get(source_url) as download:
        async with session.post(target_url, data=download.content) as upload:
            upload.raise_for_status()
            reply = await upload.json()
        download.raise_for_status()  # too late: the error page is already on the target
        return reply
