"""readuntil(b"\\n"), the general form of readline(), with the text decoded before parsing."""

import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    async with session.get(url) as resp:
        resp.raise_for_status()
        while True:
            line = await resp.content.readuntil(b"\n")
            if not line:
                raise LookupError(wanted_id)
            document = json.loads(line.decode("utf-8"))
            if document["id"] == wanted_id:
                return document
