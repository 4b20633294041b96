import datetime
import decimal
import functools
import json

import aiohttp


def to_json_text(value):
    """What json.dumps writes for the values it does not know: datetimes as ISO 8601, Decimals as their digits."""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def make_session() -> aiohttp.ClientSession:
    """A session whose json= requests write datetimes as ISO 8601 text and Decimals as strings of their digits."""
    return aiohttp.ClientSession(json_serialize=functools.partial(json.dumps, default=to_json_text))
