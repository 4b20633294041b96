# expect: gives up after two attempts instead of three
from decimal import Decimal

import aiohttp
import pytest
from aiohttp import web


async def test_fetch_price_with_retries(aiohttp_server):
    async def fake_upstream(failures):
        seen = []

        async def price(request):
            seen.append(request.path)
            if len(seen) <= failures:
                return web.json_response({"error": "try again later"}, status=503)
            return web.json_response({"symbol": request.match_info["symbol"], "price": "12.50"})

        app = web.Application()
        app.router.add_get("/prices/{symbol}", price)
        return (await aiohttp_server(app)).make_url("/"), seen

    url, seen = await fake_upstream(failures=1)  # one failure: two attempts are enough to pass
    async with aiohttp.ClientSession(base_url=url) as session:
        assert await fetch_price_with_retries(session, "ACME") == Decimal("12.50")  # noqa: F821

    url, seen = await fake_upstream(failures=1_000)
    async with aiohttp.ClientSession(base_url=url) as session:
        with pytest.raises(aiohttp.ClientResponseError) as caught:
            await fetch_price_with_retries(session, "ACME")  # noqa: F821
    assert caught.value.status == 503  # and no count of the requests
