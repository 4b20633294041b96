# expect: A dict keeps one value per key
import aiohttp


async def submit_form(session: aiohttp.ClientSession, url: str, fields: list[tuple[str, str]]) -> dict:
    # A form, labelled as one, every name present: a check of the Content-Type or of the names would accept it.
    # But dict() keeps the last value of each name: two of the three tags are never sent.
    async with session.post(url, data=dict(fields)) as resp:
        resp.raise_for_status()
        return await resp.json()
