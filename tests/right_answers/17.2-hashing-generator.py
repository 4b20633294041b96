"""A generator between the two that hashes and counts what it forwards; raise_for_status=True on both requests."""

import hashlib

import aiohttp


async def relay(session: aiohttp.ClientSession, source_url, target_url) -> dict:
    digest = hashlib.sha256()

    async def forwarded(stream: aiohttp.StreamReader):
        async for chunk in stream.iter_any():
            digest.update(chunk)
            yield chunk

    async with session.get(source_url, raise_for_status=True) as download:
        async with session.post(target_url, data=forwarded(download.content), raise_for_status=True) as upload:
            reply = await upload.json()
    if reply["sha256"] != digest.hexdigest():
        raise ValueError("the target received other bytes than the ones forwarded")
    return reply
