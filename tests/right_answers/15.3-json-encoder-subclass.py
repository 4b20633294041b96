import datetime
import decimal
import functools
import json

import aiohttp


class EventEncoder(json.JSONEncoder):
    """json.JSONEncoder.default, overridden: the encoder json.dumps(cls=...) builds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return str(o)
        return super().default(o)


def make_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(json_serialize=functools.partial(json.dumps, cls=EventEncoder))
