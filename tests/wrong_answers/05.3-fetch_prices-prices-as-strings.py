# expect: is the str '2.10', not a Decimal
import functools
import json

import aiohttp


async def fetch_prices(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        return await resp.json(content_type=None, loads=functools.partial(json.loads, parse_float=str))
