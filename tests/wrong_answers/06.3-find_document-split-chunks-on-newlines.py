# expect: JSONDecodeError
import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for chunk in resp.content.iter_chunked(4096):
            for line in chunk.splitlines():  # a line cut between two chunks becomes two broken halves
                document = json.loads(line)
                if document["id"] == wanted_id:
                    return document
    raise LookupError(wanted_id)
