# expect: had not returned after
import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    async with session.get(url) as resp:
        resp.raise_for_status()
        text = await resp.text()  # right on /stream/5, which ends; a stream that never ends never gets here
    for line in text.splitlines():
        document = json.loads(line)
        if document["id"] == wanted_id:
            return document
    raise LookupError(wanted_id)
