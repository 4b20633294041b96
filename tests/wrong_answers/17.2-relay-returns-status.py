# expect: must return the server's reply, parsed from its JSON
import aiohttp


async def relay(session: aiohttp.ClientSession, source_url, target_url) -> dict:
    async with session.get(source_url) as download:
        download.raise_for_status()
        async with session.post(target_url, data=download.content) as upload:
            upload.raise_for_status()
            return upload.status  # the status, where the target's reply is wanted
