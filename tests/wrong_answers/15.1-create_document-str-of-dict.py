# expect: which is not JSON
import aiohttp


async def create_document(session: aiohttp.ClientSession, url: str, document: dict) -> dict:
    headers = {"Content-Type": "application/json"}
    async with session.post(url, data=str(document), headers=headers) as resp:  # Python's repr, not JSON
        resp.raise_for_status()
        return await resp.json()
