"""readline() by hand, until it returns b"" at the end of the stream."""

import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    async with session.get(url, raise_for_status=True) as resp:
        while line := await resp.content.readline():
            document = json.loads(line)
            if document.get("id") == wanted_id:
                return document
    raise LookupError(f"no document {wanted_id}")
