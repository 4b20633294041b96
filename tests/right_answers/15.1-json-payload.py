import aiohttp


async def create_document(session: aiohttp.ClientSession, url: str, document: dict) -> dict:
    """The payload object json= builds, made by hand; the status checked by hand."""
    async with session.post(url, data=aiohttp.JsonPayload(document)) as resp:
        if resp.status >= 400:
            resp.raise_for_status()
        return await resp.json()
