# expect: digits were lost, because the number went through a float
from decimal import Decimal

import aiohttp


def to_decimal(value):
    if isinstance(value, dict):
        return {key: to_decimal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_decimal(item) for item in value]
    return Decimal(str(value)) if isinstance(value, float) else value


async def fetch_prices(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as resp:
        # Decimals everywhere, and 2.10 == Decimal("2.1"): a surface check would accept it. But the rate
        # 1.0000000000000000000001 was a float 1.0 before it became a Decimal.
        return to_decimal(await resp.json(content_type=None))
