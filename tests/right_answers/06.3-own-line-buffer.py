"""Lines split by hand from iter_any()'s chunks, keeping the unfinished end of each for the next."""

import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    pending = b""
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for chunk in resp.content.iter_any():
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                document = json.loads(line)
                if document["id"] == wanted_id:
                    return document
    raise LookupError(wanted_id)
