# expect: sent a form
import aiohttp


async def create_document(session: aiohttp.ClientSession, url: str, document: dict) -> dict:
    async with session.post(url, data=document) as resp:  # a dict in data= is form-encoded
        resp.raise_for_status()
        return await resp.json()
