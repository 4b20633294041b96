# expect: returned the error body
import aiohttp


async def create_document(session: aiohttp.ClientSession, url: str, document: dict) -> dict:
    async with session.post(url, json=document) as resp:
        return await resp.json()  # a 422 with a JSON body comes back as if the document had been created
