# expect: made no request through the session it was given
import aiohttp


async def create_document(session: aiohttp.ClientSession, url: str, document: dict) -> dict:
    async with aiohttp.request("POST", url, json=document) as resp:  # right body, but a connection of its own
        resp.raise_for_status()
        return await resp.json()
