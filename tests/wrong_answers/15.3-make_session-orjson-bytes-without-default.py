# expect: raised TypeError: Type is not JSON serializable: decimal.Decimal
import aiohttp
import orjson


def make_session() -> aiohttp.ClientSession:
    # orjson writes datetimes as ISO 8601 by itself, but it refuses Decimals unless it is given a default.
    return aiohttp.ClientSession(json_serialize_bytes=orjson.dumps)
