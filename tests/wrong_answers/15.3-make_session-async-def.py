# expect: must be a plain `def`
import functools
import json

import aiohttp


async def make_session() -> aiohttp.ClientSession:  # it awaits nothing: the caller would get a coroutine
    return aiohttp.ClientSession(json_serialize=functools.partial(json.dumps, default=str))
