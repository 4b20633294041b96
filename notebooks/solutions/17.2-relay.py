import aiohttp


async def relay(session: aiohttp.ClientSession, source_url: str, target_url: str) -> dict:
    """GET source_url and POST its body to target_url as it arrives; return the target's reply."""
    async with session.get(source_url) as download:
        download.raise_for_status()  # an error page must never become the upload
        # download.content is the body as it arrives: aiohttp sends each piece on as soon as it is there.
        async with session.post(target_url, data=download.content) as upload:
            upload.raise_for_status()
            return await upload.json()
