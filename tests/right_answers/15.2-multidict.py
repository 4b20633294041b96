import aiohttp
from multidict import MultiDict


async def submit_form(session: aiohttp.ClientSession, url: str, fields: list[tuple[str, str]]) -> dict:
    """A MultiDict holds a name several times; the status checked by the request itself."""
    async with session.post(url, data=MultiDict(fields), raise_for_status=True) as resp:
        return await resp.json()
