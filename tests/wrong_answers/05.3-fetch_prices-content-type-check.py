# expect: turn the check off with resp.json(content_type=None)
import functools
import json
from decimal import Decimal

import aiohttp


async def fetch_prices(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        return await resp.json(loads=functools.partial(json.loads, parse_float=Decimal))
