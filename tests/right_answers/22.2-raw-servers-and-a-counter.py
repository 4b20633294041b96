import itertools
from decimal import Decimal

import aiohttp
import pytest
from aiohttp import web


async def test_fetch_price_with_retries(aiohttp_raw_server):
    """RawTestServer fakes: one handler for every request, a count of its own for each fake."""
    flaky_count, down_count = itertools.count(1), itertools.count(1)
    flaky_seen, down_seen = [], []

    async def flaky(request: web.BaseRequest) -> web.Response:
        flaky_seen.append(next(flaky_count))
        if flaky_seen[-1] <= 2:
            return web.Response(status=503, text="busy")
        return web.json_response({"price": "0.10"})

    async def down(request: web.BaseRequest) -> web.Response:
        down_seen.append(next(down_count))
        return web.Response(status=503, text="down")

    flaky_server = await aiohttp_raw_server(flaky)
    down_server = await aiohttp_raw_server(down)
    async with aiohttp.ClientSession(base_url=flaky_server.make_url("/")) as session:
        assert await fetch_price_with_retries(session, "INIT") == Decimal("0.10")  # noqa: F821
    assert flaky_seen == [1, 2, 3]

    async with aiohttp.ClientSession(base_url=down_server.make_url("/")) as session:
        with pytest.raises(aiohttp.ClientResponseError) as caught:
            await fetch_price_with_retries(session, "INIT")  # noqa: F821
    assert caught.value.status == 503
    assert down_seen == [1, 2, 3]
