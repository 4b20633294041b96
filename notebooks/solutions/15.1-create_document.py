import aiohttp


async def create_document(session: aiohttp.ClientSession, url: str, document: dict) -> dict:
    """POST document to url as JSON; return the server's parsed reply, or raise ClientResponseError for an error."""
    async with session.post(url, json=document) as resp:  # json= serializes and sends Content-Type: application/json
        resp.raise_for_status()  # a 4xx or 5xx raises here, before the body is trusted
        return await resp.json()
