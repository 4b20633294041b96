# expect: returned the line as bytes
import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    async with session.get(url) as resp:
        resp.raise_for_status()
        async for line in resp.content:
            if json.loads(line)["id"] == wanted_id:
                return line  # the raw line, not the parsed document
    raise LookupError(wanted_id)
