from decimal import Decimal

import aiohttp
import pytest
from aiohttp import web


async def test_fetch_price_with_retries(aiohttp_client):
    """TestClients handed to the function as its session; each app keeps its requests under an AppKey."""
    SEEN = web.AppKey("seen", list)  # noqa: N806 - a constant, made inside the test: the check writes only the test

    def flaky_api(failures: int) -> web.Application:
        async def price(request: web.Request) -> web.Response:
            request.app[SEEN].append(request.match_info["symbol"])
            if len(request.app[SEEN]) <= failures:
                raise web.HTTPServiceUnavailable()
            return web.json_response({"price": "7.25"})

        app = web.Application()
        app[SEEN] = []
        app.router.add_get("/prices/{symbol}", price)
        return app

    client = await aiohttp_client(flaky_api(2))
    assert await fetch_price_with_retries(client, "HOOLI") == Decimal("7.25")  # noqa: F821
    assert client.app[SEEN] == ["HOOLI"] * 3

    client = await aiohttp_client(flaky_api(99))
    with pytest.raises(aiohttp.ClientResponseError) as caught:
        await fetch_price_with_retries(client, "HOOLI")  # noqa: F821
    assert (caught.value.status, len(client.app[SEEN])) == (503, 3)
