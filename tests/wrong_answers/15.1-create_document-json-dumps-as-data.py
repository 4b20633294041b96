# expect: sent the right JSON text, but labelled 'text/plain; charset=utf-8'
import json

import aiohttp


async def create_document(session: aiohttp.ClientSession, url: str, document: dict) -> dict:
    # The body is exactly the JSON text json= would send (a check of the body alone would accept it), but a str
    # in data= is labelled text/plain: this API answers 415 and never reads it.
    async with session.post(url, data=json.dumps(document)) as resp:
        resp.raise_for_status()
        return await resp.json()
