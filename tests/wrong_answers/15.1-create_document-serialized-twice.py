# expect: it was serialized twice
import json

import aiohttp


async def create_document(session: aiohttp.ClientSession, url: str, document: dict) -> dict:
    async with session.post(url, json=json.dumps(document)) as resp:  # json= serializes the str once more
        resp.raise_for_status()
        return await resp.json()
