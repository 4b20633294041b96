# expect: without your code recognising the document
import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for line in resp.content:
            document = json.loads(line)
            if document["id"] == str(wanted_id):  # "id" is a JSON number: 4 == "4" is never true
                return document
    return None
