# expect: not as ISO 8601 text
import datetime
import functools
import json

import aiohttp


def default(value):
    if isinstance(value, datetime.datetime):
        return value.timestamp()  # a number of seconds: the offset is gone
    return str(value)


def make_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(json_serialize=functools.partial(json.dumps, default=default))
