import functools
from decimal import Decimal

import aiohttp
import orjson


def decimal_digits(value):
    """orjson writes datetimes as ISO 8601 itself; Decimals it leaves to this."""
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError


def make_session() -> aiohttp.ClientSession:
    """orjson's bytes go straight into the body: json_serialize_bytes (aiohttp 3.14)."""
    return aiohttp.ClientSession(json_serialize_bytes=functools.partial(orjson.dumps, default=decimal_digits))
