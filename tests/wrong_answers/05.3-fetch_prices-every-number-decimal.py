# expect: not an int: only numbers with a decimal point
import functools
import json
from decimal import Decimal

import aiohttp


async def fetch_prices(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        # Decimal(3) == 3, so a check of values alone would accept the quantities.
        loads = functools.partial(json.loads, parse_float=Decimal, parse_int=Decimal)
        return await resp.json(content_type=None, loads=loads)
