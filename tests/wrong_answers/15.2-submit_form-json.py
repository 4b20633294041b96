# expect: submit_form sent JSON
import aiohttp


async def submit_form(session: aiohttp.ClientSession, url: str, fields: list[tuple[str, str]]) -> dict:
    async with session.post(url, json=fields) as resp:
        resp.raise_for_status()
        return await resp.json()
