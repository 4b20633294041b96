# expect: so the server did not read it as a form
from urllib.parse import urlencode

import aiohttp


async def submit_form(session: aiohttp.ClientSession, url: str, fields: list[tuple[str, str]]) -> dict:
    # The very bytes the right answer sends (a check of the body alone would accept them), labelled text/plain.
    async with session.post(url, data=urlencode(fields)) as resp:
        resp.raise_for_status()
        return await resp.json()
