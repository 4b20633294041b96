import aiohttp


async def submit_form(session: aiohttp.ClientSession, url: str, fields: list[tuple[str, str]]) -> dict:
    """FormData, one add_field per pair: without files it is still application/x-www-form-urlencoded."""
    form = aiohttp.FormData()
    for name, value in fields:
        form.add_field(name, value)
    async with session.post(url, data=form) as resp:
        resp.raise_for_status()
        return await resp.json()
