import json
from decimal import Decimal

import aiohttp


async def fetch_prices(session: aiohttp.ClientSession, url: str):
    """No json() at all: the text, then json.loads with parse_float."""
    async with session.get(url) as resp:
        resp.raise_for_status()
        text = await resp.text()
    return json.loads(text, parse_float=Decimal)
