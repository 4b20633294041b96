# expect: submit_form sent multipart/form-data
import aiohttp


async def submit_form(session: aiohttp.ClientSession, url: str, fields: list[tuple[str, str]]) -> dict:
    form = aiohttp.FormData(fields, default_to_multipart=True)  # the encoding for files, not for a plain form
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        return await resp.json()
