import json

import aiohttp


async def create_document(session: aiohttp.ClientSession, url: str, document: dict) -> dict:
    """The text serialized by hand, labelled by hand; the status checked by the request itself."""
    body = json.dumps(document, ensure_ascii=False)
    headers = {"Content-Type": "application/json; charset=utf-8"}
    async with session.post(url, data=body, headers=headers, raise_for_status=True) as resp:
        return await resp.json()
