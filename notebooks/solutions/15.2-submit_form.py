import aiohttp


async def submit_form(session: aiohttp.ClientSession, url: str, fields: list[tuple[str, str]]) -> dict:
    """POST fields (name/value pairs, names may repeat) to url as a form; return the server's parsed reply."""
    async with session.post(url, data=fields) as resp:  # pairs are form-encoded, every repeated name kept
        resp.raise_for_status()
        return await resp.json()
