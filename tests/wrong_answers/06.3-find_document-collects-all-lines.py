# expect: had not returned after
import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    async with session.get(url) as resp:
        resp.raise_for_status()
        documents = [json.loads(line) async for line in resp.content]  # every line, to the end, first
    return next(document for document in documents if document["id"] == wanted_id)
