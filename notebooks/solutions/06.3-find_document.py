import json

import aiohttp


async def find_document(session: aiohttp.ClientSession, url: str, wanted_id: int) -> dict:
    """Return the first document of the JSON-lines stream at url whose "id" is wanted_id, as soon as it arrives."""
    async with session.get(url) as resp:
        resp.raise_for_status()  # an error page is not a stream of documents
        async for line in resp.content:  # one line at a time, each as soon as it has arrived
            document = json.loads(line)
            if document["id"] == wanted_id:
                return document  # returning leaves the block, which closes the response: the stream stops
    raise LookupError(f"the stream ended without a document whose id is {wanted_id}")
