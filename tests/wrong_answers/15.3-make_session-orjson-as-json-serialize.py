# expect: returned bytes (orjson.dumps does)
import functools

import aiohttp
import orjson


def make_session() -> aiohttp.ClientSession:
    # The right serializer (orjson writes datetimes as ISO 8601, default=str the Decimals), given to the wrong
    # parameter: json_serialize must return str, and orjson.dumps returns bytes.
    return aiohttp.ClientSession(json_serialize=functools.partial(orjson.dumps, default=str))
