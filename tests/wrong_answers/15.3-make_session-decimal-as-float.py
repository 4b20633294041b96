# expect: a Decimal turned into a float on the way
import datetime
import functools
import json

import aiohttp


def default(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return float(value)  # a JSON number: 1234567890.000000001 does not survive it


def make_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(json_serialize=functools.partial(json.dumps, default=default))
