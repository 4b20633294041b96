"""The download's chunks (at most 64 KiB each) as the upload's body: any async iterable of bytes streams."""

import aiohttp


async def relay(session: aiohttp.ClientSession, source_url, target_url) -> dict:
    async with session.get(source_url) as download:
        if not download.ok:
            download.raise_for_status()
        async with session.post(target_url, data=download.content.iter_chunked(64 * 1024)) as upload:
            upload.raise_for_status()
            return await upload.json()
