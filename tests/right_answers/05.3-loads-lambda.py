import decimal
import json

import aiohttp


async def fetch_prices(session: aiohttp.ClientSession, url: str):
    """A lambda as loads, and the status checked by the request itself."""
    async with session.get(url, raise_for_status=True) as resp:
        return await resp.json(content_type=None, loads=lambda text: json.loads(text, parse_float=decimal.Decimal))
