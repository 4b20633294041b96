# expect: held the whole download before it uploaded anything
import aiohttp


async def relay(session: aiohttp.ClientSession, source_url, target_url) -> dict:
    async with session.get(source_url) as download:
        download.raise_for_status()
        body = await download.read()  # the right bytes, the right hash: but only once all of them have arrived
    async with session.post(target_url, data=body) as upload:
        upload.raise_for_status()
        return await upload.json()
