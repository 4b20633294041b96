import functools
import json
from decimal import Decimal

import aiohttp

parse_exactly = functools.partial(json.loads, parse_float=Decimal)  # 2.10 becomes Decimal("2.10"), not a float


async def fetch_prices(session: aiohttp.ClientSession, url: str):
    """Return the JSON body of url (served as text/plain), numbers with a decimal point as Decimal."""
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.json(content_type=None, loads=parse_exactly)
