# expect: JSONDecodeError
import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for chunk in resp.content.iter_any():
            document = json.loads(chunk)  # a chunk is whatever arrived: part of a line, or several
            if document["id"] == wanted_id:
                return document
    raise LookupError(wanted_id)
