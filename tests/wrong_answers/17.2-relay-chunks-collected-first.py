# expect: held the whole download before it uploaded anything
import aiohttp


async def relay(session: aiohttp.ClientSession, source_url, target_url) -> dict:
    async with session.get(source_url) as download:
        download.raise_for_status()
        chunks = [chunk async for chunk in download.content.iter_chunked(64 * 1024)]  # every chunk kept first

        async def body():
            for chunk in chunks:
                yield chunk

        async with session.post(target_url, data=body()) as upload:
            upload.raise_for_status()
            return await upload.json()
