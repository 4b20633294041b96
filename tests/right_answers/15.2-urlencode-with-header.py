from urllib.parse import urlencode

import aiohttp


async def submit_form(session: aiohttp.ClientSession, url: str, fields: list[tuple[str, str]]) -> dict:
    """The body encoded by hand, and labelled as the form it is."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    async with session.post(url, data=urlencode(fields), headers=headers) as resp:
        resp.raise_for_status()
        return await resp.json()
